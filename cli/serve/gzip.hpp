// treatykb/cli/serve/gzip.hpp — the gzip twin of a kept page (zlib), and whether a request
// accepts it. cpp-httplib compresses the bodies it is handed on every response; a page the
// server keeps (page_cache.hpp, the report) is compressed once instead and sent as it is.
#pragma once

#include <string>
#include <string_view>

namespace treatykb::cli::serve {

// The body in gzip format (RFC 1952), zlib's default level. Throws std::runtime_error if zlib
// fails (only on exhausted memory).
std::string gzip(std::string_view body);

// Whether an Accept-Encoding header value accepts gzip: a "gzip" or "*" coding whose q is not 0
// (RFC 9110, 12.5.3); "gzip;q=0" refuses it.
bool accepts_gzip(std::string_view accept_encoding);

} // namespace treatykb::cli::serve
