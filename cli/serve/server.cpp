#include "cli/serve/server.hpp"

#include <httplib.h>
#include <sys/socket.h>

#include <iostream>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

#include "cli/serve/gzip.hpp"
#include "cli/serve/page_cache.hpp"
#include "cli/serve/work_gate.hpp"
#include "kb/error.hpp"

namespace treatykb::cli::serve {

namespace {

constexpr const char* html_type = "text/html; charset=utf-8";
constexpr const char* json_type = "application/json; charset=utf-8";

// Request limits of our own, checked before routing (the library's compiled-in ones are larger:
// a request line and each header line up to 8 KB).
constexpr std::size_t max_target_length = 2048;
constexpr std::size_t max_header_count = 64;

// Sends a kept page without copying it into the response: its gzip twin when the request
// accepts gzip, else the page itself (in place of any body the response had).
void send_kept(const httplib::Request& request, httplib::Response& response, const CachedPage& page) {
    bool compressed = page.gzip && accepts_gzip(request.get_header_value("Accept-Encoding"));
    std::shared_ptr<const std::string> body = compressed ? page.gzip : page.body;
    response.body.clear();
    response.headers.erase("Content-Type");
    if (compressed) response.set_header("Content-Encoding", "gzip");
    std::size_t size = body->size();
    response.set_content_provider(size, page.content_type,
                                  [body = std::move(body)](std::size_t offset, std::size_t length,
                                                           httplib::DataSink& sink) {
                                      return sink.write(body->data() + offset, length);
                                  });
}

// Below this size a compressed page gains too little to pay for compressing it.
constexpr std::size_t min_compressed_size = 1024;

// The body a handler set, compressed with gzip when the request accepts it. Left to itself,
// cpp-httplib compresses HTML (not JSON: it matches "application/json" without a charset) and
// prefers Brotli at its highest quality: about 14 ms of one core for a 12 KB provision page,
// twenty times the cost of rendering it, for every browser (they all accept "br").
void compress_body(const httplib::Request& request, httplib::Response& response) {
    if (response.body.size() < min_compressed_size || !accepts_gzip(request.get_header_value("Accept-Encoding")))
        return;
    CachedPage page;
    page.content_type = response.get_header_value("Content-Type");
    page.gzip = std::make_shared<const std::string>(gzip(response.body));
    send_kept(request, response, page);
}

bool is_api(const httplib::Request& request) { return request.path.rfind("/api/", 0) == 0; }

void send_error(const httplib::Request& request, httplib::Response& response, int status,
                const std::string& message, const PageContext& context) {
    response.status = status;
    if (is_api(request))
        response.set_content(Json{{"error", status}, {"message", message}}.dump(), json_type);
    else
        response.set_content(error_page(status, message, context), html_type);
}

std::string parameter(const httplib::Request& request, const char* name, std::size_t limit) {
    std::string value = request.get_param_value(name);
    if (value.size() > limit)
        throw BadRequest(std::string("parameter ") + name + " is longer than " + std::to_string(limit) +
                         " bytes");
    return value;
}

int limit_parameter(const httplib::Request& request) {
    std::string text = parameter(request, "limit", 3);
    if (text.empty()) return 20;
    if (text.find_first_not_of("0123456789") != std::string::npos) throw BadRequest("limit must be a number");
    return std::stoi(text);
}

InstrumentFilter filter_parameters(const httplib::Request& request) {
    InstrumentFilter filter{parameter(request, "party", 3), parameter(request, "year", 4),
                            parameter(request, "type", 40)};
    for (char& c : filter.party) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (filter.year.find_first_not_of("0123456789") != std::string::npos)
        throw BadRequest("year must be a number such as 2014");
    return filter;
}

std::vector<std::string> compare_parameters(const httplib::Request& request, Reader& reader) {
    std::vector<std::string> out;
    std::size_t count = request.get_param_value_count("i");
    for (std::size_t i = 0; i < count; ++i) {
        std::string value = request.get_param_value("i", i);
        if (value.size() > 64) throw BadRequest("instrument names are at most 64 bytes");
        out.push_back(value);
    }
    return count ? out : reader.analysed_instruments();
}

} // namespace

bool run_server(Reader& reader, const PageContext& context, const ServerOptions& options,
                const std::function<void(int port)>& ready) {
    httplib::Server server;
    int threads = std::max(2, options.threads);
    server.new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<std::size_t>(threads)); };
    server.set_payload_max_length(4096); // GET only: a body has no use here
    // Headers and body leave in separate writes; with Nagle's algorithm the second waited for the
    // client's delayed ACK, 40 ms on every keep-alive request (p50 48 ms for one client).
    server.set_tcp_nodelay(true);
    server.set_read_timeout(5, 0);
    server.set_write_timeout(5, 0);
    server.set_keep_alive_max_count(1000);
    server.set_keep_alive_timeout(2);
    server.set_default_headers({
        {"X-Content-Type-Options", "nosniff"},
        {"Vary", "Accept-Encoding"}, // pages are sent compressed or not by the request's Accept-Encoding
        {"Referrer-Policy", "no-referrer"},
        {"Content-Security-Policy", "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
                                    "object-src 'none'; frame-ancestors 'none'; form-action 'self'"},
    });

    server.set_pre_routing_handler([&](const httplib::Request& request, httplib::Response& response) {
        if (request.method != "GET" && request.method != "HEAD") {
            send_error(request, response, 405, "only GET and HEAD are answered", context);
            return httplib::Server::HandlerResponse::Handled;
        }
        if (request.target.size() > max_target_length) {
            send_error(request, response, 414, "the address is longer than 2048 bytes", context);
            return httplib::Server::HandlerResponse::Handled;
        }
        if (request.headers.size() > max_header_count) {
            send_error(request, response, 431, "more than 64 request headers", context);
            return httplib::Server::HandlerResponse::Handled;
        }
        return httplib::Server::HandlerResponse::Unhandled;
    });

    // Every handler runs through `guarded`: NotFound is 404, BadRequest (and a treatykb::Error
    // from the store, such as a malformed search) is 400, anything else is a 500 without details.
    // ... and through the gate (work_gate.hpp): at most `work_slots` handlers compute at a time,
    // text pages and searches before the analysis pages.
    WorkGate gate(options.work_slots > 0 ? options.work_slots
                                         : static_cast<int>(std::max(2u, std::thread::hardware_concurrency())));
    // Text pages rendered once per generation of the texts (page_cache.hpp). The generation is
    // read before and after rendering: when both agree, the read transaction the page was
    // rendered in saw that generation (generations only grow), and the page is kept under it.
    // A kept page is sent without entering the gate (it costs no computing, and must not wait
    // behind pages that do); a page rendered is compressed and kept inside it.
    // The response says whether it came from the cache (X-Treatykb-Cache: hit or miss).
    PageCache pages(static_cast<std::size_t>(std::max(0, options.page_cache_mb)) << 20);
    auto respond = [&](Work work, bool cacheable, auto handler) {
        return [&, work, cacheable, handler](const httplib::Request& request, httplib::Response& response) {
            try {
                const bool keep = cacheable && pages.enabled();
                long long before = 0;
                if (keep) {
                    before = reader.generation();
                    if (std::optional<CachedPage> page = pages.find(before, request.target)) {
                        send_kept(request, response, *page);
                        response.set_header("X-Treatykb-Cache", "hit");
                        return;
                    }
                }
                WorkGate::Pass pass = gate.enter(work);
                handler(request, response);
                if (!keep) {
                    compress_body(request, response);
                    return;
                }
                response.set_header("X-Treatykb-Cache", "miss");
                if ((response.status != -1 && response.status != 200) || response.body.empty()) {
                    compress_body(request, response);
                    return;
                }
                CachedPage page = keep_page(response.get_header_value("Content-Type"), std::move(response.body));
                send_kept(request, response, page);
                if (reader.generation() == before) pages.store(before, request.target, std::move(page));
            } catch (const NotFound& e) {
                send_error(request, response, 404, e.what(), context);
            } catch (const BadRequest& e) {
                send_error(request, response, 400, e.what(), context);
            } catch (const Error& e) {
                send_error(request, response, 400, e.message(), context);
            } catch (const std::exception& e) {
                std::cerr << "treatykb serve: " << request.path << ": " << e.what() << "\n";
                send_error(request, response, 500, "internal error", context);
            }
        };
    };
    auto guarded = [&](Work work, auto handler) { return respond(work, false, std::move(handler)); };
    auto cached = [&](auto handler) { return respond(Work::quick, true, std::move(handler)); };
    auto html = [](httplib::Response& response, const std::string& body) { response.set_content(body, html_type); };
    auto json = [](httplib::Response& response, const Json& body) { response.set_content(body.dump(), json_type); };

    server.Get("/", cached([&](const httplib::Request& request, httplib::Response& response) {
        html(response, instruments_page(reader.instruments(filter_parameters(request)), context));
    }));
    server.Get("/api/instruments.json", cached([&](const httplib::Request& request, httplib::Response& response) {
        json(response, reader.instruments(filter_parameters(request)));
    }));
    server.Get(R"(/i/([^/]+)/)", cached([&](const httplib::Request& request, httplib::Response& response) {
        html(response, toc_page(reader.toc(request.matches[1].str()), context));
    }));
    server.Get(R"(/api/i/([^/]+)\.json)", cached([&](const httplib::Request& request, httplib::Response& response) {
        json(response, reader.toc(request.matches[1].str()));
    }));
    server.Get(R"(/i/([^/]+)/p/([^/]+)/)", cached([&](const httplib::Request& request, httplib::Response& response) {
        html(response, provision_page(reader.provision(request.matches[1].str(), request.matches[2].str()), context));
    }));
    server.Get(R"(/api/i/([^/]+)/p/([^/]+)\.json)", cached([&](const httplib::Request& request, httplib::Response& response) {
        json(response, reader.provision(request.matches[1].str(), request.matches[2].str()));
    }));
    server.Get("/search/", cached([&](const httplib::Request& request, httplib::Response& response) {
        std::string query = parameter(request, "q", max_query_length);
        if (!request.has_param("q")) {
            html(response, search_page(Json(), "", context));
            return;
        }
        Json hits = reader.search(query, parameter(request, "lang", 3), parameter(request, "instrument", 64),
                                  limit_parameter(request));
        html(response, search_page(hits, query, context));
    }));
    server.Get("/api/search.json", cached([&](const httplib::Request& request, httplib::Response& response) {
        if (!request.has_param("q")) throw BadRequest("give a query: /api/search.json?q=words");
        json(response, reader.search(parameter(request, "q", max_query_length), parameter(request, "lang", 3),
                                     parameter(request, "instrument", 64), limit_parameter(request)));
    }));
    std::once_flag index_once;
    std::string index_body;
    server.Get("/api/search-index.json", guarded(Work::analysis, [&](const httplib::Request&, httplib::Response& response) {
        std::call_once(index_once, [&] { index_body = reader.search_index({}).dump(); });
        response.set_content(index_body, json_type);
    }));
    // The report page is rendered once per instrument (the analysis is fixed at start).
    std::mutex report_pages_mutex;
    std::map<std::string, CachedPage> report_pages;
    server.Get(R"(/report/([^/]+)/)", guarded(Work::analysis, [&](const httplib::Request& request, httplib::Response& response) {
        const Json& data = reader.report(request.matches[1].str());
        std::string alias = data["instrument"].get<std::string>();
        CachedPage page;
        {
            std::lock_guard lock(report_pages_mutex);
            auto found = report_pages.find(alias);
            if (found == report_pages.end())
                found = report_pages.emplace(alias, keep_page(html_type, report_page(data, context))).first;
            page = found->second;
        }
        // Sent from the kept page itself: a copy of its 2.8 MB (EAEU) into every response was a
        // fresh allocation and a memcpy per request; compressed, it is 0.16 MB.
        send_kept(request, response, page);
    }));
    server.Get(R"(/api/report/([^/]+)\.json)", guarded(Work::analysis, [&](const httplib::Request& request, httplib::Response& response) {
        json(response, reader.report(request.matches[1].str()));
    }));
    server.Get(R"(/power/([^/]+)/)", guarded(Work::analysis, [&](const httplib::Request& request, httplib::Response& response) {
        html(response, power_page(reader.power(request.matches[1].str()), context));
    }));
    server.Get(R"(/api/power/([^/]+)\.json)", guarded(Work::analysis, [&](const httplib::Request& request, httplib::Response& response) {
        json(response, reader.power(request.matches[1].str()));
    }));
    server.Get("/compare/", guarded(Work::analysis, [&](const httplib::Request& request, httplib::Response& response) {
        html(response, compare_page(reader.compare(compare_parameters(request, reader)), context));
    }));
    server.Get("/api/compare.json", guarded(Work::analysis, [&](const httplib::Request& request, httplib::Response& response) {
        json(response, reader.compare(compare_parameters(request, reader)));
    }));
    server.Get("/assets/style.css", [](const httplib::Request&, httplib::Response& response) {
        response.set_content(std::string(stylesheet()), "text/css; charset=utf-8");
    });
    server.Get("/assets/app.js", [](const httplib::Request&, httplib::Response& response) {
        response.set_content(std::string(script()), "text/javascript; charset=utf-8");
    });
    // A page asked for without its final slash: redirect, keeping the query.
    server.Get(R"(/(i/[^/]+|i/[^/]+/p/[^/]+|search|report/[^/]+|power/[^/]+|compare))",
               [](const httplib::Request& request, httplib::Response& response) {
                   std::size_t question = request.target.find('?');
                   std::string query = question == std::string::npos ? "" : request.target.substr(question);
                   response.set_redirect(request.path + "/" + query, 301);
               });
    // Unknown routes (and methods other than GET and HEAD) get a page, not an empty body.
    server.set_error_handler(httplib::Server::HandlerWithResponse(
        [&](const httplib::Request& request, httplib::Response& response) {
        if (!response.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
        std::string message = response.status == 404 ? "no page at this address" : "the request was refused";
        send_error(request, response, response.status, message, context);
        return httplib::Server::HandlerResponse::Handled;
    }));
    server.set_exception_handler([&](const httplib::Request& request, httplib::Response& response, std::exception_ptr) {
        send_error(request, response, 500, "internal error", context);
    });

    // cpp-httplib listens with a backlog of 5 connections, a constant compiled into Debian's
    // library: 64 clients connecting at once overflowed it, and a dropped connection waits for
    // the client's SYN retransmission (1 s, then 3 s, 7 s: the 11 s requests and timeouts of
    // bench/serve). The socket is kept as the library creates it (its default options) and,
    // once listening, given the system's backlog (listen again only changes the backlog).
    socket_t listening = INVALID_SOCKET;
    server.set_socket_options([&listening](socket_t socket) {
        httplib::default_socket_options(socket);
        listening = socket;
    });
    int port = options.port;
    if (port == 0) {
        port = server.bind_to_any_port(options.bind);
        if (port <= 0) return false;
    } else if (!server.bind_to_port(options.bind, port)) {
        return false;
    }
    if (listening != INVALID_SOCKET) ::listen(listening, SOMAXCONN);
    ready(port);
    return server.listen_after_bind();
}

} // namespace treatykb::cli::serve
