#include "kb/search_tokenizer.hpp"

#include <libstemmer.h>
#include <sqlite3.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <memory>
#include <stdexcept>
#include <unordered_map>

#include "kb/detail/fts5.hpp"
#include "kb/unicode_text.hpp"

// sqlite3.h declares the FTS5 extension API (fts5_api, fts5_tokenizer).

namespace treatykb {

namespace {

// One per FTS5 table instance: Snowball stemmers are not thread-safe, so each tokenizer owns its
// own pair; nothing is shared between connections.
class WordAnalyzer {
  public:
    WordAnalyzer()
        : russian_(sb_stemmer_new("russian", "UTF_8"), sb_stemmer_delete),
          english_(sb_stemmer_new("english", "UTF_8"), sb_stemmer_delete) {
        if (!russian_ || !english_)
            throw std::runtime_error("Snowball stemmers unavailable");
    }

    // Calls `emit(term, start, end)` for each word of `text`.
    template <typename Emit> int analyze(std::string_view text, Emit&& emit) {
        const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
        int32_t length = static_cast<int32_t>(text.size());
        int32_t i = 0;
        while (i < length) {
            int32_t start = i;
            UChar32 c;
            U8_NEXT(bytes, i, length, c);
            if (c < 0 || !u_isalnum(c))
                continue;
            word_.clear();
            append_lower(c);
            int32_t end = i;
            while (i < length) {
                int32_t next = i;
                UChar32 d;
                U8_NEXT(bytes, next, length, d);
                if (d < 0 || !(u_isalnum(d) || u_getCombiningClass(d) > 0 || d == 0x0301))
                    break;
                if (d != 0x0301)
                    append_lower(d); // drop the stress mark
                i = end = next;
            }
            if (int rc = emit(term_of(word_), start, end); rc != SQLITE_OK)
                return rc;
        }
        return SQLITE_OK;
    }

  private:
    // Legal text repeats a small vocabulary, and Snowball costs far more per word than a hash
    // lookup: each distinct word is stemmed once per tokenizer instance.
    const std::string& term_of(const std::string& word) {
        auto found = terms_.find(word);
        if (found != terms_.end())
            return found->second;
        if (terms_.size() >= 500000) // bounds memory on unusual input; the cache refills
            terms_.clear();
        return terms_.emplace(word, stem(normalize_confusables(word))).first->second;
    }

    void append_lower(UChar32 c) {
        c = u_tolower(c);
        if (c == 0x0451)
            c = 0x0435; // ё -> е: Russian texts write both
        char buffer[4];
        int32_t length = 0;
        UBool error = false;
        U8_APPEND(reinterpret_cast<uint8_t*>(buffer), length, 4, c, error);
        if (!error)
            word_.append(buffer, static_cast<std::size_t>(length));
    }

    std::string stem(const std::string& word) {
        sb_stemmer* stemmer = has_cyrillic(word) ? russian_.get()
                              : has_latin(word)  ? english_.get()
                                                 : nullptr;
        if (!stemmer)
            return word;
        const sb_symbol* stemmed =
            sb_stemmer_stem(stemmer, reinterpret_cast<const sb_symbol*>(word.data()),
                            static_cast<int>(word.size()));
        if (!stemmed)
            return word;
        return std::string(reinterpret_cast<const char*>(stemmed),
                           static_cast<std::size_t>(sb_stemmer_length(stemmer)));
    }

    std::unique_ptr<sb_stemmer, void (*)(sb_stemmer*)> russian_;
    std::unique_ptr<sb_stemmer, void (*)(sb_stemmer*)> english_;
    std::string word_;
    std::unordered_map<std::string, std::string> terms_; // lower-cased word -> index term
};

int create_tokenizer(void*, const char**, int, Fts5Tokenizer** out) {
    try {
        *out = reinterpret_cast<Fts5Tokenizer*>(new WordAnalyzer());
        return SQLITE_OK;
    } catch (...) {
        return SQLITE_ERROR;
    }
}

void delete_tokenizer(Fts5Tokenizer* tokenizer) {
    delete reinterpret_cast<WordAnalyzer*>(tokenizer);
}

int tokenize(Fts5Tokenizer* tokenizer, void* context, int, const char* text, int length,
             int (*token)(void*, int, const char*, int, int, int)) {
    auto* analyzer = reinterpret_cast<WordAnalyzer*>(tokenizer);
    return analyzer->analyze(std::string_view(text, static_cast<std::size_t>(length)),
                             [&](const std::string& term, int start, int end) {
                                 return token(context, 0, term.data(),
                                              static_cast<int>(term.size()), start, end);
                             });
}

} // namespace

void register_search_tokenizer(sqlite3* database) {
    fts5_api* api = detail::fts5_api_of(database);
    fts5_tokenizer methods{create_tokenizer, delete_tokenizer, tokenize}; // copied by SQLite
    if (api->xCreateTokenizer(api, "treatykb", nullptr, &methods, nullptr) != SQLITE_OK)
        throw std::runtime_error("cannot register the FTS5 tokenizer");
}

std::vector<std::string> search_terms(std::string_view text) {
    WordAnalyzer analyzer;
    std::vector<std::string> terms;
    analyzer.analyze(text, [&](const std::string& term, int, int) {
        terms.push_back(term);
        return SQLITE_OK;
    });
    return terms;
}

} // namespace treatykb
