#include "cli/serve/page_cache.hpp"

#include "cli/serve/gzip.hpp"

namespace treatykb::cli::serve {

CachedPage keep_page(std::string content_type, std::string body) {
    CachedPage page;
    page.content_type = std::move(content_type);
    page.gzip = std::make_shared<const std::string>(gzip(body));
    page.body = std::make_shared<const std::string>(std::move(body));
    return page;
}

void PageCache::advance(long long generation) {
    if (generation <= generation_) return;
    generation_ = generation;
    stats_.evicted += static_cast<long long>(recent_.size());
    recent_.clear();
    index_.clear();
    stats_.bytes = 0;
}

std::optional<CachedPage> PageCache::find(long long generation, const std::string& address) {
    std::lock_guard lock(mutex_);
    advance(generation);
    auto found = generation == generation_ ? index_.find(address) : index_.end();
    if (found == index_.end()) {
        ++stats_.misses;
        return std::nullopt;
    }
    recent_.splice(recent_.begin(), recent_, found->second);
    ++stats_.hits;
    return found->second->page;
}

void PageCache::store(long long generation, const std::string& address, CachedPage page) {
    std::size_t size = page.size() + address.size();
    if (!page.body || size > max_bytes_) return;
    std::lock_guard lock(mutex_);
    advance(generation);
    if (generation != generation_ || index_.count(address)) return;
    while (!recent_.empty() && stats_.bytes + size > max_bytes_) {
        const Entry& last = recent_.back();
        stats_.bytes -= last.page.size() + last.address.size();
        index_.erase(last.address);
        recent_.pop_back();
        ++stats_.evicted;
    }
    recent_.push_front(Entry{address, std::move(page)});
    index_.emplace(address, recent_.begin());
    stats_.bytes += size;
    ++stats_.stored;
}

PageCacheStats PageCache::stats() const {
    std::lock_guard lock(mutex_);
    PageCacheStats out = stats_;
    out.pages = recent_.size();
    return out;
}

} // namespace treatykb::cli::serve
