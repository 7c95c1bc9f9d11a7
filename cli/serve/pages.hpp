// treatykb/cli/serve/pages.hpp — the web reader's HTML pages, rendered from the JSON documents of
// reader.hpp (so that every page has its API twin), and the two assets (stylesheet, script).
//
// Server-rendered HTML5, no CDN, no build step; the script adds the side-by-side switch, "expand
// all" on proof trees, the instrument filter and, on a static site, client-side search. Every
// string from the database or the knowledge base passes through escape().
#pragma once

#include <set>
#include <string>
#include <string_view>

#include "cli/serve/reader.hpp"

namespace treatykb::cli::serve {

// Where pages live. The server and `treatykb site` share one layout, so a link works in both:
//   /                       instruments          /api/instruments.json
//   /i/ALIAS/               table of contents    /api/i/ALIAS.json
//   /i/ALIAS/p/EID/         provision            /api/i/ALIAS/p/EID.json
//   /search/?q=...          search               /api/search.json?q=... (server), /api/search-index.json
//   /report/ALIAS/          analysis report      /api/report/ALIAS.json
//   /power/ALIAS/           decision power       /api/power/ALIAS.json
//   /compare/               comparison           /api/compare.json?i=...
struct Links {
    std::string base; // "" at the root of a host, "/corpus" for a site under a folder
    std::string home() const;
    std::string instrument(std::string_view alias) const;
    std::string provision(std::string_view alias, std::string_view eid) const;
    std::string search() const;
    std::string report(std::string_view alias) const;
    std::string power(std::string_view alias) const;
    std::string compare() const;
    std::string asset(std::string_view name) const;
};

struct PageContext {
    Links links;
    bool static_site = false;          // search runs in the browser over the prebuilt index
    std::vector<std::string> analysed; // instruments with report and power pages
};

std::string escape(std::string_view text);
// Percent-encodes everything but unreserved characters (RFC 3986), for one path segment or value.
std::string encode_component(std::string_view text);

std::string instruments_page(const Json& data, const PageContext& context);
std::string toc_page(const Json& data, const PageContext& context);
std::string provision_page(const Json& data, const PageContext& context);
// `data` is null for the empty search form (and always on a static site).
std::string search_page(const Json& data, std::string_view query, const PageContext& context);
std::string report_page(const Json& data, const PageContext& context);
std::string power_page(const Json& data, const PageContext& context);
std::string compare_page(const Json& data, const PageContext& context);
std::string error_page(int status, std::string_view message, const PageContext& context);

std::string_view stylesheet();
std::string_view script();

} // namespace treatykb::cli::serve
