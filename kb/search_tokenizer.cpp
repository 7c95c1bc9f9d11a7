#include "kb/search_tokenizer.hpp"

#include <libstemmer.h>
#include <sqlite3.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <cctype>
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <unordered_map>

#include "kb/detail/fts5.hpp"
#include "kb/unicode_text.hpp"

// sqlite3.h declares the FTS5 extension API (fts5_api, fts5_tokenizer).

namespace treatykb {

namespace {

// The languages whose Latin words are stemmed; Cyrillic words are always Russian.
enum class Latin : std::uint8_t { english, spanish, french };
constexpr Latin kLatinLanguages[] = {Latin::english, Latin::spanish, Latin::french};

// Words frequent in one of the corpus's Latin languages and rare in the others (articles,
// prepositions, auxiliaries of legal text); "de", "la" and "en", shared by two of them, are left
// out. A column value is stemmed in the language whose words it holds most; English when none.
Latin detect_latin_language(std::string_view text) {
    static const std::unordered_map<std::string_view, Latin> markers = {
        {"the", Latin::english},  {"of", Latin::english},    {"and", Latin::english},
        {"shall", Latin::english}, {"to", Latin::english},   {"any", Latin::english},
        {"el", Latin::spanish},   {"los", Latin::spanish},   {"las", Latin::spanish},
        {"del", Latin::spanish},  {"que", Latin::spanish},   {"por", Latin::spanish},
        {"y", Latin::spanish},    {"con", Latin::spanish},   {"para", Latin::spanish},
        {"le", Latin::french},    {"les", Latin::french},    {"des", Latin::french},
        {"du", Latin::french},    {"et", Latin::french},     {"aux", Latin::french},
        {"dans", Latin::french},  {"sont", Latin::french},   {"est", Latin::french}};
    int counts[3] = {0, 0, 0};
    std::size_t i = 0;
    // No marker is longer than five letters: a longer word is skipped unread.
    char word[5];
    while (i < text.size()) {
        while (i < text.size() && !std::isalpha(static_cast<unsigned char>(text[i]))) ++i;
        std::size_t length = 0;
        while (i < text.size() && std::isalpha(static_cast<unsigned char>(text[i]))) {
            if (length < sizeof word)
                word[length] = static_cast<char>(std::tolower(static_cast<unsigned char>(text[i])));
            ++length;
            ++i;
        }
        if (length == 0 || length > sizeof word)
            continue;
        if (auto found = markers.find(std::string_view(word, length)); found != markers.end())
            ++counts[static_cast<int>(found->second)];
    }
    Latin best = Latin::english;
    for (Latin language : kLatinLanguages)
        if (counts[static_cast<int>(language)] > counts[static_cast<int>(best)]) best = language;
    return best;
}

// One per FTS5 table instance: Snowball stemmers are not thread-safe, so each tokenizer owns its
// own; nothing is shared between connections.
class WordAnalyzer {
  public:
    WordAnalyzer()
        : russian_(sb_stemmer_new("russian", "UTF_8"), sb_stemmer_delete),
          latin_{Stemmer(sb_stemmer_new("english", "UTF_8"), sb_stemmer_delete),
                 Stemmer(sb_stemmer_new("spanish", "UTF_8"), sb_stemmer_delete),
                 Stemmer(sb_stemmer_new("french", "UTF_8"), sb_stemmer_delete)} {
        if (!russian_ || !latin_[0] || !latin_[1] || !latin_[2])
            throw std::runtime_error("Snowball stemmers unavailable");
    }

    // Calls `emit(term, start, end, colocated)` for each word of `text`. Indexing stems Latin
    // words in the language detected for `text`; a query (`all_latin`) gives each Latin word its
    // stem in every Latin language, the others as colocated synonyms (FTS5_TOKEN_COLOCATED), so
    // that a query finds the word whichever language its text was indexed in.
    template <typename Emit> int analyze(std::string_view text, bool all_latin, Emit&& emit) {
        const Latin language = all_latin ? Latin::english : detect_latin_language(text);
        const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
        int32_t length = static_cast<int32_t>(text.size());
        int32_t i = 0;
        while (i < length) {
            int32_t start = i;
            UChar32 c = next_code_point(bytes, i, length);
            if (c < 0 || !alphanumeric(c))
                continue;
            word_.clear();
            append_lower(c);
            int32_t end = i;
            while (i < length) {
                int32_t next = i;
                UChar32 d = next_code_point(bytes, next, length);
                if (d < 0 || !(alphanumeric(d) || (d >= 0x80 && u_getCombiningClass(d) > 0) ||
                               d == 0x0301))
                    break;
                if (d != 0x0301)
                    append_lower(d); // drop the stress mark
                i = end = next;
            }
            const std::string first = term_of(word_, language);
            if (int rc = emit(first, start, end, false); rc != SQLITE_OK)
                return rc;
            if (!all_latin || !has_latin(word_) || has_cyrillic(word_))
                continue;
            std::string previous[2];
            int emitted = 0;
            for (Latin other : {Latin::spanish, Latin::french}) {
                const std::string& synonym = term_of(word_, other);
                if (synonym == first || (emitted && synonym == previous[0]))
                    continue;
                previous[emitted++] = synonym;
                if (int rc = emit(synonym, start, end, true); rc != SQLITE_OK)
                    return rc;
            }
        }
        return SQLITE_OK;
    }

  private:
    using Stemmer = std::unique_ptr<sb_stemmer, void (*)(sb_stemmer*)>;

    // Legal text repeats a small vocabulary, and Snowball costs far more per word than a hash
    // lookup: each distinct word is stemmed once per tokenizer instance and language.
    const std::string& term_of(const std::string& word, Latin language) {
        key_.assign(1, static_cast<char>('0' + static_cast<int>(language)));
        key_ += word;
        auto found = terms_.find(key_);
        if (found != terms_.end())
            return found->second;
        if (terms_.size() >= 500000) // bounds memory on unusual input; the cache refills
            terms_.clear();
        return terms_.emplace(key_, stem(normalize_confusables(word), language)).first->second;
    }

    // ASCII (most of the English and Spanish texts) without a call into ICU; the same answers.
    static UChar32 next_code_point(const uint8_t* bytes, int32_t& i, int32_t length) {
        if (bytes[i] < 0x80)
            return bytes[i++];
        UChar32 c;
        U8_NEXT(bytes, i, length, c);
        return c;
    }
    static bool alphanumeric(UChar32 c) {
        if (c < 0x80)
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        return u_isalnum(c);
    }

    void append_lower(UChar32 c) {
        if (c < 0x80) {
            word_.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c));
            return;
        }
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

    std::string stem(const std::string& word, Latin language) {
        sb_stemmer* stemmer = has_cyrillic(word) ? russian_.get()
                              : has_latin(word)  ? latin_[static_cast<int>(language)].get()
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

    Stemmer russian_;
    Stemmer latin_[3];
    std::string word_, key_;
    std::unordered_map<std::string, std::string> terms_; // language + lower-cased word -> index term
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

int tokenize(Fts5Tokenizer* tokenizer, void* context, int flags, const char* text, int length,
             int (*token)(void*, int, const char*, int, int, int)) {
    auto* analyzer = reinterpret_cast<WordAnalyzer*>(tokenizer);
    // A query term (not a prefix: "word*" keeps one stem) is expanded over the Latin languages.
    const bool query = (flags & FTS5_TOKENIZE_QUERY) && !(flags & FTS5_TOKENIZE_PREFIX);
    return analyzer->analyze(std::string_view(text, static_cast<std::size_t>(length)), query,
                             [&](const std::string& term, int start, int end, bool colocated) {
                                 return token(context, colocated ? FTS5_TOKEN_COLOCATED : 0, term.data(),
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
    analyzer.analyze(text, false, [&](const std::string& term, int, int, bool) {
        terms.push_back(term);
        return SQLITE_OK;
    });
    return terms;
}

} // namespace treatykb
