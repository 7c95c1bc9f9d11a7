#include "cli/serve/gzip.hpp"

#include <zlib.h>

#include <algorithm>
#include <cctype>
#include <stdexcept>

namespace treatykb::cli::serve {

std::string gzip(std::string_view body) {
    z_stream stream{};
    // windowBits 15 + 16: a gzip header and trailer around the deflate stream.
    if (deflateInit2(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        throw std::runtime_error("zlib: deflateInit2 failed");
    std::string out(deflateBound(&stream, static_cast<uLong>(body.size())), '\0');
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(body.data()));
    stream.avail_in = static_cast<uInt>(body.size());
    stream.next_out = reinterpret_cast<Bytef*>(out.data());
    stream.avail_out = static_cast<uInt>(out.size());
    int result = deflate(&stream, Z_FINISH); // deflateBound leaves room for all of it
    out.resize(stream.total_out);
    deflateEnd(&stream);
    if (result != Z_STREAM_END) throw std::runtime_error("zlib: deflate did not finish");
    return out;
}

namespace {

std::string_view trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    return text;
}

bool equal_ignoring_case(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
           });
}

// q is "0", "0.", "0.0", ... "0.000" for a refusal; anything else accepts.
bool refuses(std::string_view parameters) {
    while (!parameters.empty()) {
        std::size_t semicolon = parameters.find(';');
        std::string_view parameter = trim(parameters.substr(0, semicolon));
        parameters = semicolon == std::string_view::npos ? std::string_view() : parameters.substr(semicolon + 1);
        std::size_t equals = parameter.find('=');
        if (equals == std::string_view::npos || !equal_ignoring_case(trim(parameter.substr(0, equals)), "q"))
            continue;
        std::string_view value = trim(parameter.substr(equals + 1));
        return !value.empty() && value.front() == '0' &&
               std::all_of(value.begin() + 1, value.end(), [](char c) { return c == '.' || c == '0'; });
    }
    return false;
}

} // namespace

bool accepts_gzip(std::string_view accept_encoding) {
    bool gzip_named = false, gzip_ok = false, any_ok = false;
    while (!accept_encoding.empty()) {
        std::size_t comma = accept_encoding.find(',');
        std::string_view item = accept_encoding.substr(0, comma);
        accept_encoding = comma == std::string_view::npos ? std::string_view() : accept_encoding.substr(comma + 1);
        std::size_t semicolon = item.find(';');
        std::string_view coding = trim(item.substr(0, semicolon));
        bool ok = !refuses(semicolon == std::string_view::npos ? std::string_view() : item.substr(semicolon + 1));
        if (equal_ignoring_case(coding, "gzip") || equal_ignoring_case(coding, "x-gzip")) {
            gzip_named = true;
            gzip_ok = gzip_ok || ok;
        } else if (coding == "*") {
            any_ok = ok;
        }
    }
    return gzip_named ? gzip_ok : any_ok;
}

} // namespace treatykb::cli::serve
