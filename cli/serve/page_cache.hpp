// treatykb/cli/serve/page_cache.hpp — the text pages the web reader has already rendered, kept
// until the texts change. A page is stored under its address (path and query) and the store's
// generation (Store::generation, incremented by every ingest); a request made at another
// generation finds nothing, and the first one made at a newer generation empties the cache. The
// cache holds at most `max_bytes` of bodies and drops the least recently used page first.
//
// Used only for pages computed from the database alone (a provision, a table of contents, a
// search, the list of instruments); the analysis pages have their own, fixed at start.
#pragma once

#include <cstddef>
#include <list>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace treatykb::cli::serve {

struct CachedPage {
    std::string content_type;
    std::shared_ptr<const std::string> body; // shared with responses being sent
    std::shared_ptr<const std::string> gzip; // the same body compressed (gzip.hpp)

    std::size_t size() const { return (body ? body->size() : 0) + (gzip ? gzip->size() : 0); }
};

// The page with its gzip twin, for the cache or for the kept report.
CachedPage keep_page(std::string content_type, std::string body);

struct PageCacheStats {
    long long hits = 0, misses = 0, stored = 0, evicted = 0;
    std::size_t bytes = 0, pages = 0;
};

class PageCache {
  public:
    explicit PageCache(std::size_t max_bytes) : max_bytes_(max_bytes) {}

    // The page kept for `address` at `generation`, if any.
    std::optional<CachedPage> find(long long generation, const std::string& address);
    // Keeps the page unless the cache has seen a newer generation or the body alone exceeds the
    // budget; older pages make room, least recently used first.
    void store(long long generation, const std::string& address, CachedPage page);

    bool enabled() const { return max_bytes_ > 0; }
    PageCacheStats stats() const;

  private:
    struct Entry {
        std::string address;
        CachedPage page;
    };
    void advance(long long generation); // under the lock: a newer generation empties the cache

    std::size_t max_bytes_;
    mutable std::mutex mutex_;
    long long generation_ = -1;
    std::list<Entry> recent_; // most recently used first
    std::unordered_map<std::string, std::list<Entry>::iterator> index_;
    PageCacheStats stats_;
};

} // namespace treatykb::cli::serve
