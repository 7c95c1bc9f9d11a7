// The web reader's page cache (cli/serve/page_cache.hpp) and the gzip twin of its pages
// (cli/serve/gzip.hpp), tested directly; serve_test.cpp tests them through HTTP.
#include <catch2/catch.hpp>

#include <zlib.h>

#include <stdexcept>
#include <string>

#include "cli/serve/gzip.hpp"
#include "cli/serve/page_cache.hpp"

using namespace treatykb::cli::serve;

namespace {

// The body of a gzip member, decompressed with zlib's own reader.
std::string gunzip(const std::string& compressed) {
    z_stream stream{};
    REQUIRE(inflateInit2(&stream, 15 + 16) == Z_OK); // gzip only, not zlib or raw deflate
    std::string out;
    char buffer[4096];
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(compressed.data()));
    stream.avail_in = static_cast<uInt>(compressed.size());
    int result = Z_OK;
    while (result == Z_OK) {
        stream.next_out = reinterpret_cast<Bytef*>(buffer);
        stream.avail_out = sizeof buffer;
        result = inflate(&stream, Z_NO_FLUSH);
        out.append(buffer, sizeof buffer - stream.avail_out);
    }
    inflateEnd(&stream);
    if (result != Z_STREAM_END) throw std::runtime_error("not a complete gzip member");
    return out;
}

CachedPage page_of(std::size_t size, char fill = 'x') {
    CachedPage page;
    page.content_type = "text/plain";
    page.body = std::make_shared<const std::string>(size, fill);
    return page; // no gzip twin: its size is the body's alone
}

} // namespace

TEST_CASE("gzip gives a gzip member that inflates to the body, for empty, small and large bodies") {
    std::string large;
    for (int i = 0; i < 20000; ++i) large += "Статья " + std::to_string(i) + ". Таможенный союз\n";
    for (const std::string& body : {std::string(), std::string("a"), large}) {
        std::string compressed = gzip(body);
        REQUIRE(compressed.size() >= 18); // header and trailer
        CHECK(static_cast<unsigned char>(compressed[0]) == 0x1f);
        CHECK(static_cast<unsigned char>(compressed[1]) == 0x8b);
        CHECK(gunzip(compressed) == body);
    }
    CHECK(gzip(large).size() < large.size() / 5);
}

TEST_CASE("accepts_gzip follows Accept-Encoding: codings, q=0, the wildcard and case") {
    CHECK(accepts_gzip("gzip"));
    CHECK(accepts_gzip("gzip, deflate, br"));
    CHECK(accepts_gzip("br;q=1.0, GZip;q=0.5"));
    CHECK(accepts_gzip("x-gzip"));
    CHECK(accepts_gzip("*"));
    CHECK(accepts_gzip(" deflate , gzip ; q=0.001"));
    CHECK_FALSE(accepts_gzip(""));
    CHECK_FALSE(accepts_gzip("identity"));
    CHECK_FALSE(accepts_gzip("br"));
    CHECK_FALSE(accepts_gzip("deflate, br"));
    CHECK_FALSE(accepts_gzip("gzip;q=0"));
    CHECK_FALSE(accepts_gzip("gzip; q=0.000, br"));
    CHECK_FALSE(accepts_gzip("*;q=0"));
    // A named coding overrides the wildcard, either way (RFC 9110, 12.5.3).
    CHECK_FALSE(accepts_gzip("*, gzip;q=0"));
    CHECK(accepts_gzip("*;q=0, gzip"));
    CHECK_FALSE(accepts_gzip("gzipped"));
}

TEST_CASE("keep_page keeps the body and its gzip twin") {
    CachedPage page = keep_page("text/html; charset=utf-8", std::string(5000, 'z'));
    CHECK(page.content_type == "text/html; charset=utf-8");
    REQUIRE(page.body);
    REQUIRE(page.gzip);
    CHECK(*page.body == std::string(5000, 'z'));
    CHECK(gunzip(*page.gzip) == *page.body);
    CHECK(page.size() == page.body->size() + page.gzip->size());
}

TEST_CASE("The page cache finds a page only at the generation it was stored at") {
    PageCache cache(1 << 20);
    REQUIRE(cache.enabled());
    CHECK_FALSE(cache.find(3, "/a"));
    cache.store(3, "/a", page_of(10, 'a'));
    auto found = cache.find(3, "/a");
    REQUIRE(found);
    CHECK(*found->body == std::string(10, 'a'));
    CHECK_FALSE(cache.find(3, "/b"));

    // A request that read an older generation than the cache has seen finds nothing and keeps
    // nothing: its page may show texts that are gone.
    CHECK_FALSE(cache.find(2, "/a"));
    cache.store(2, "/old", page_of(10));
    CHECK_FALSE(cache.find(3, "/old"));
    CHECK(cache.find(3, "/a"));

    // The first request at a newer generation empties the cache.
    CHECK_FALSE(cache.find(4, "/a"));
    CHECK(cache.stats().pages == 0);
    CHECK(cache.stats().bytes == 0);
    cache.store(4, "/a", page_of(10, 'n'));
    CHECK(*cache.find(4, "/a")->body == std::string(10, 'n'));
    // A page stored after a newer generation was seen is dropped too.
    cache.store(5, "/c", page_of(10));
    cache.store(4, "/d", page_of(10));
    CHECK_FALSE(cache.find(5, "/d"));
    CHECK(cache.find(5, "/c"));

    PageCacheStats stats = cache.stats();
    CHECK(stats.hits == 4);
    CHECK(stats.pages == 1);
}

TEST_CASE("The page cache holds at most its budget and drops the least recently used page first") {
    // Each entry costs its body and its address: 100 + 2 bytes.
    PageCache cache(3 * 102);
    cache.store(1, "/a", page_of(100));
    cache.store(1, "/b", page_of(100));
    cache.store(1, "/c", page_of(100));
    CHECK(cache.stats().bytes == 3 * 102);
    CHECK(cache.find(1, "/a")); // /a is now the most recently used; /b the least
    cache.store(1, "/d", page_of(100));
    CHECK(cache.stats().pages == 3);
    CHECK(cache.stats().evicted == 1);
    CHECK_FALSE(cache.find(1, "/b"));
    CHECK(cache.find(1, "/a"));
    CHECK(cache.find(1, "/c"));
    CHECK(cache.find(1, "/d"));

    // A page larger than the whole budget is not kept and evicts nothing.
    cache.store(1, "/huge", page_of(400));
    CHECK_FALSE(cache.find(1, "/huge"));
    CHECK(cache.stats().pages == 3);

    // A page already kept is not replaced (the texts are the same within a generation).
    cache.store(1, "/a", page_of(100, 'q'));
    CHECK(*cache.find(1, "/a")->body == std::string(100, 'x'));
    CHECK(cache.stats().bytes <= 3 * 102);

    // A page that needs room for two evicts two.
    cache.store(1, "/e", page_of(200));
    CHECK(cache.find(1, "/e"));
    CHECK(cache.stats().bytes <= 3 * 102);

    PageCache off(0);
    CHECK_FALSE(off.enabled());
    off.store(1, "/a", page_of(1));
    CHECK_FALSE(off.find(1, "/a"));
}
