// Matches of an expression tried only where its first word occurs (kb/detail/matches_at_words.hpp).
#include "kb/detail/matches_at_words.hpp"

#include <algorithm>
#include <cstring>

namespace treatykb::detail {

std::size_t find_bytes(std::string_view text, std::string_view word, std::size_t from) {
    if (from > text.size())
        return std::string_view::npos;
    const void* at = memmem(text.data() + from, text.size() - from, word.data(), word.size());
    return at ? static_cast<std::size_t>(static_cast<const char*>(at) - text.data())
              : std::string_view::npos;
}

std::vector<TextMatch> matches_at_words(const std::string& text, std::size_t end,
                                        const boost::u32regex& expression,
                                        std::span<const std::string_view> words) {
    std::string_view range = std::string_view(text).substr(0, end);
    std::vector<std::size_t> starts;
    for (auto word : words)
        for (auto at = find_bytes(range, word); at != std::string_view::npos;
             at = find_bytes(range, word, at + 1))
            starts.push_back(at);
    std::sort(starts.begin(), starts.end());
    starts.erase(std::unique(starts.begin(), starts.end()), starts.end());
    std::vector<TextMatch> out;
    std::size_t next = 0; // the iterator searches on from the end of the last match
    const auto last = text.cbegin() + static_cast<long>(end);
    TextMatch m;
    for (std::size_t start : starts) {
        if (start < next)
            continue;
        // The range's end is the end of the text to the expression, as for the iterator; what
        // precedes `start` is never read (no look-behind), but is there to read past 0.
        auto flags = boost::match_continuous |
                     (start > 0 ? boost::match_prev_avail : boost::match_default);
        if (!boost::u32regex_search(text.cbegin() + static_cast<long>(start), last, m, expression,
                                    flags))
            continue;
        next = static_cast<std::size_t>(m[0].second - text.cbegin());
        out.push_back(m);
    }
    return out;
}

} // namespace treatykb::detail
