// Load generator for `treatykb serve` (bench/serve/run.sh): CLIENTS threads, each with one
// keep-alive connection to a loopback port, request the paths of a mix file in turn for SECONDS
// (and at most MAX_REQUESTS in all), and the latency of every request is kept by page kind.
//   bench_serve_load PORT MIX_FILE CLIENTS SECONDS MAX_REQUESTS
// Each request accepts compression as a browser does (gzip, deflate, br); bodies are counted, not
// kept or decompressed.
// MIX_FILE: one "kind path" per line, e.g. "provision /i/eaeu/p/art_47/". An error is a failed
// connection or any status but 200.
#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace {

struct Sample {
    std::size_t kind;
    double milliseconds;
    bool ok;
    bool cached; // the server said it sent a kept page (X-Treatykb-Cache: hit)
};

double percentile(std::vector<double>& values, double p) {
    if (values.empty()) return 0;
    std::size_t at = static_cast<std::size_t>(p * static_cast<double>(values.size() - 1) + 0.5);
    std::nth_element(values.begin(), values.begin() + static_cast<long>(at), values.end());
    return values[at];
}

} // namespace

int main(int argc, char** argv) {
    if (argc != 6) {
        std::fprintf(stderr, "usage: bench_serve_load PORT MIX_FILE CLIENTS SECONDS MAX_REQUESTS\n");
        return 2;
    }
    const int port = std::stoi(argv[1]);
    const int clients = std::stoi(argv[3]);
    const int seconds = std::stoi(argv[4]);
    const long max_requests = std::stol(argv[5]);
    std::vector<std::string> kinds;
    std::vector<std::pair<std::size_t, std::string>> mix;
    std::ifstream in(argv[2]);
    for (std::string line; std::getline(in, line);) {
        std::istringstream fields(line);
        std::string kind, path;
        if (!(fields >> kind >> path)) continue;
        auto found = std::find(kinds.begin(), kinds.end(), kind);
        if (found == kinds.end()) found = kinds.insert(kinds.end(), kind);
        mix.emplace_back(static_cast<std::size_t>(found - kinds.begin()), path);
    }
    if (mix.empty() || clients < 1 || seconds < 1 || seconds > 600) {
        std::fprintf(stderr, "bench_serve_load: empty mix or bounds out of range\n");
        return 2;
    }
    using Clock = std::chrono::steady_clock;
    const Clock::time_point start = Clock::now();
    const Clock::time_point deadline = start + std::chrono::seconds(seconds);
    std::atomic<long> issued{0};
    std::mutex mutex;
    std::vector<Sample> samples;
    std::vector<std::thread> threads;
    for (int t = 0; t < clients; ++t) {
        threads.emplace_back([&, t] {
            httplib::Client client("127.0.0.1", port);
            client.set_keep_alive(true);
            client.set_tcp_nodelay(true); // as a browser does; Nagle would add the delayed-ACK wait
            client.set_connection_timeout(5, 0);
            client.set_read_timeout(10, 0);
            // Accept-Encoding as a browser sends it; the bytes are counted as they arrive, not
            // decompressed (that is the browser's work, not the server's).
            client.set_decompress(false);
            const httplib::Headers headers{{"Accept-Encoding", "gzip, deflate, br"}};
            std::vector<Sample> mine;
            std::size_t next = static_cast<std::size_t>(t) * 7919 % mix.size();
            while (Clock::now() < deadline && issued.fetch_add(1) < max_requests) {
                const auto& [kind, path] = mix[next];
                next = (next + 1) % mix.size();
                Clock::time_point before = Clock::now();
                // The body is counted, not kept: copying a 2.8 MB report into a string was most
                // of this client's work, on the same two cores as the server.
                std::size_t received = 0;
                httplib::Result result = client.Get(path, headers, [&received](const char*, std::size_t length) {
                    received += length;
                    return true;
                });
                double ms = std::chrono::duration<double, std::milli>(Clock::now() - before).count();
                mine.push_back({kind, ms, result && result->status == 200 && received > 0,
                                result && result->get_header_value("X-Treatykb-Cache") == "hit"});
            }
            std::lock_guard lock(mutex);
            samples.insert(samples.end(), mine.begin(), mine.end());
        });
    }
    for (std::thread& thread : threads) thread.join();
    const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
    std::printf("%-10s %9s %8s %8s %9s %9s %9s %7s\n", "page", "requests", "req/s", "errors", "p50 ms",
                "p99 ms", "max ms", "cached");
    auto line = [&](const std::string& name, std::vector<double> values, long errors, long cached) {
        std::size_t count = values.size();
        double top = values.empty() ? 0 : *std::max_element(values.begin(), values.end());
        double p50 = percentile(values, 0.50);
        double p99 = percentile(values, 0.99);
        double share = count ? 100.0 * static_cast<double>(cached) / static_cast<double>(count) : 0;
        std::printf("%-10s %9zu %8.0f %8ld %9.2f %9.2f %9.2f %6.0f%%\n", name.c_str(), count,
                    static_cast<double>(count) / elapsed, errors, p50, p99, top, share);
    };
    std::vector<double> all;
    long all_errors = 0, all_cached = 0;
    for (std::size_t k = 0; k < kinds.size(); ++k) {
        std::vector<double> values;
        long errors = 0, cached = 0;
        for (const Sample& sample : samples)
            if (sample.kind == k) {
                values.push_back(sample.milliseconds);
                errors += sample.ok ? 0 : 1;
                cached += sample.cached ? 1 : 0;
            }
        all.insert(all.end(), values.begin(), values.end());
        all_errors += errors;
        all_cached += cached;
        line(kinds[k], values, errors, cached);
    }
    line("all", all, all_errors, all_cached);
    std::printf("%d clients, %.1f s\n", clients, elapsed);
    return all_errors == 0 ? 0 : 1;
}
