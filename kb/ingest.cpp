#include "kb/ingest.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "kb/akn.hpp"
#include "kb/error.hpp"
#include "kb/front_matter.hpp"
#include "kb/text_parser.hpp"
#include "kb/tota_parser.hpp"

namespace treatykb {

namespace fs = std::filesystem;

std::string read_file(const std::string& path) {
    if (!fs::exists(path))
        throw Error("no such file", {path, 0, 0}, "check the path; folders and files are accepted");
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw Error("cannot read the file", {path, 0, 0}, "check its permissions");
    std::ostringstream content;
    content << in.rdbuf();
    return content.str();
}

namespace {

enum class Format { tota, akn, markdown, plain };

// The name of an XML document's root element (without a namespace prefix), found by skipping
// the BOM, the XML declaration, processing instructions, comments and the DOCTYPE (with its
// internal subset, however long). Empty when the text does not start like XML.
std::string root_element(std::string_view xml) {
    std::size_t i = xml.starts_with("\xEF\xBB\xBF") ? 3 : 0;
    auto skip_past = [&](std::string_view end) {
        std::size_t found = xml.find(end, i);
        i = found == std::string_view::npos ? xml.size() : found + end.size();
    };
    while (i < xml.size()) {
        char c = xml[i];
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
            ++i;
        } else if (xml.substr(i, 2) == "<?") {
            skip_past("?>");
        } else if (xml.substr(i, 4) == "<!--") {
            skip_past("-->");
        } else if (xml.substr(i, 9) == "<!DOCTYPE") {
            // Up to the '>' that is outside the [internal subset] and outside quotes.
            int brackets = 0;
            char quote = 0;
            for (i += 9; i < xml.size(); ++i) {
                char d = xml[i];
                if (quote) {
                    if (d == quote)
                        quote = 0;
                } else if (d == '"' || d == '\'') {
                    quote = d;
                } else if (d == '[') {
                    ++brackets;
                } else if (d == ']') {
                    --brackets;
                } else if (d == '>' && brackets <= 0) {
                    ++i;
                    break;
                }
            }
        } else if (c == '<') {
            std::size_t start = ++i;
            while (i < xml.size() && !std::isspace(static_cast<unsigned char>(xml[i])) &&
                   xml[i] != '>' && xml[i] != '/')
                ++i;
            std::string_view name = xml.substr(start, i - start);
            if (auto colon = name.rfind(':'); colon != std::string_view::npos)
                name.remove_prefix(colon + 1);
            return std::string(name);
        } else {
            return {};
        }
    }
    return {};
}

Format detect_format(const std::string& path, const std::string& content) {
    std::string extension = fs::path(path).extension().string();
    std::transform(extension.begin(), extension.end(), extension.begin(), ::tolower);
    if (extension == ".xml") {
        std::string root = root_element(content);
        if (root == "akomaNtoso")
            return Format::akn;
        if (root == "treaty")
            return Format::tota;
        throw Error("unknown XML format: the root element is " +
                        (root.empty() ? std::string("missing") : "<" + root + ">") +
                        ", neither ToTA <treaty> nor Akoma Ntoso <akomaNtoso>",
                    {path, 1, 0}, "treatykb reads ToTA pta_N.xml files and its own AKN exports");
    }
    if (extension == ".md")
        return Format::markdown;
    if (extension == ".txt")
        return Format::plain;
    throw Error("unknown format (extension \"" + extension + "\")", {path, 0, 0},
                "give .md (Markdown layout), .txt (plain text) or .xml (ToTA or Akoma Ntoso)");
}

std::string alias_from_file(const std::string& path) {
    std::string stem = fs::path(path).stem().string();
    std::string alias;
    for (char c : stem)
        alias += std::isalnum(static_cast<unsigned char>(c))
                     ? static_cast<char>(std::tolower(static_cast<unsigned char>(c)))
                     : '-';
    return alias;
}

void apply_catalog(Instrument& instrument, const CatalogInstrument& entry) {
    instrument.alias = entry.alias;
    instrument.short_title = entry.short_title;
    instrument.title = entry.title;
    instrument.work_uri = entry.work_uri;
    instrument.date_signed = entry.date_signed;
    instrument.date_in_force = entry.date_in_force;
    // Catalogue metadata wins over a ToTA file's, so the stored instrument is the same whichever
    // of its expressions was ingested last.
    instrument.type = entry.type;
    if (!entry.parties.empty())
        instrument.parties = entry.parties;
    // The ToTA ids the catalogue names are aliases of the instrument ("pta_440" -> eaeu), whether
    // or not the ToTA file is read this time.
    for (const auto& expression : entry.expressions) {
        std::string alias = "pta_" + expression.tota_id;
        if (!expression.tota_id.empty() &&
            std::find(instrument.other_aliases.begin(), instrument.other_aliases.end(), alias) ==
                instrument.other_aliases.end())
            instrument.other_aliases.push_back(alias);
    }
}

void apply_catalog(Expression& expression, const CatalogExpression& entry) {
    expression.authentic = entry.authentic;
    expression.uri = entry.uri;
    if (!entry.date.empty())
        expression.date = entry.date;
}

// The amending act behind each amendment record, where the catalogue names the law that ratified
// it (docs/corpus.md, "Point in time"); a law the catalogue does not name leaves the record as the
// note gave it, and says so once.
void apply_amending_acts(Expression& expression, const CatalogInstrument& entry, const std::string& file,
                         LoadResult& result) {
    std::vector<std::string> unknown;
    for (AmendmentRecord& record : expression.amendments) {
        if (record.ratification_act.empty())
            continue;
        if (const CatalogAmendingAct* act = entry.find_amending_act(record.ratification_act)) {
            record.amending_act = act->title;
            record.date = act->date;
        } else if (std::find(unknown.begin(), unknown.end(), record.ratification_act) == unknown.end()) {
            unknown.push_back(record.ratification_act);
            result.warnings.push_back({file, record.eid,
                                       "amendment note names " + record.ratification_act +
                                           ", which no <amending-act> of " + entry.alias +
                                           " in corpus.xml names: the amending act stays unnamed"});
        }
    }
}

// Appends an annex file's provisions (already eId'd "annex_N...") after the main text.
void append_expression(Expression& target, Expression&& part) {
    int offset = static_cast<int>(target.provisions.size());
    for (auto& provision : part.provisions) {
        provision.order += offset;
        target.provisions.push_back(std::move(provision));
    }
    for (auto& amendment : part.amendments)
        target.amendments.push_back(std::move(amendment));
    if (!part.source.empty())
        target.source += (target.source.empty() ? "" : " ") + part.source;
}

// What the file says about itself wins over what its name and first line suggest. With a date
// of signature the work URI follows the FRBR pattern of the bundled ones.
void apply_front_matter(Instrument& instrument, Expression& expression, const FrontMatter& front) {
    if (!front.alias.empty())
        instrument.alias = front.alias;
    if (!front.title.empty())
        instrument.title = front.title;
    instrument.short_title = !front.short_title.empty() ? front.short_title : instrument.title;
    instrument.date_signed = front.date_signed;
    instrument.date_in_force = front.date_in_force;
    if (!front.type.empty())
        instrument.type = front.type;
    for (const std::string& party : front.parties)
        instrument.parties += (instrument.parties.empty() ? "" : " ") + party;
    if (!front.language.empty())
        expression.language = front.language;
    std::string date = front.date_signed.empty() ? "" : front.date_signed + "/";
    instrument.work_uri = "/akn/local/act/" + date + instrument.alias + "/!main";
}

ParsedText parse_text_file(const std::string& path, Format format, const std::string& annex = {}) {

    std::string content = read_file(path);
    return format == Format::markdown ? parse_markdown_treaty(content, path, annex)
                                      : parse_plain_text_treaty(content, path);
}

Instrument load_bundled_expression(const CatalogInstrument& entry,
                                   const CatalogExpression& expression_entry,
                                   const std::string& texts_dir, LoadResult& result) {
    Instrument instrument;
    apply_catalog(instrument, entry);
    Expression expression;
    for (const auto& file : expression_entry.files) {
        std::string path = (fs::path(texts_dir) / file.name).string();
        Format format = detect_format(path, "");
        ParsedText parsed = parse_text_file(path, format, file.annex);
        if (!file.annex.empty()) {
            std::string expected = "annex_" + file.annex;
            if (parsed.expression.provisions.empty() ||
                parsed.expression.provisions.front().eid != expected)
                throw Error("the catalogue says this file holds Annex " + file.annex +
                                ", but it does not start with \"ПРИЛОЖЕНИЕ № " + file.annex + "\"",
                            {path, 1, 0}, "fix treaty_texts/corpus.xml or the file");
        }
        if (expression.language.empty())
            expression.language = parsed.expression.language;
        if (instrument.title.empty())
            instrument.title = parsed.title;
        parsed.expression.source = "treaty_texts/" + file.name;
        append_expression(expression, std::move(parsed.expression));
        for (auto& warning : parsed.warnings)
            result.warnings.push_back(std::move(warning));
        ++result.files;
    }
    apply_catalog(expression, expression_entry);
    if (!expression_entry.files.empty())
        apply_amending_acts(expression, entry, expression_entry.files.front().name, result);
    if (!expression_entry.language.empty())
        expression.language = expression_entry.language;
    instrument.expressions.push_back(std::move(expression));
    return instrument;
}

Instrument load_tota(const std::string& path, const std::string& content, const Catalog& catalog,
                     LoadResult& result) {
    TotaDocument document = parse_tota_xml(content, path);
    Instrument instrument;
    instrument.alias = "pta_" + document.treaty_identifier;
    instrument.title = document.name;
    instrument.short_title = document.name;
    instrument.type = document.type;
    instrument.date_signed = document.date_signed;
    instrument.date_in_force = document.date_in_force;
    instrument.parties = document.parties;
    instrument.work_uri =
        "/akn/tota/act/" + document.date_signed + "/pta-" + document.treaty_identifier + "/!main";
    Expression expression = std::move(document.parsed.expression);
    expression.uri = "/akn/tota/act/" + document.date_signed + "/pta-" +
                     document.treaty_identifier + "/" +
                     (expression.language == "es" ? "spa" : "eng") + "@";
    if (auto found = catalog.find_tota(document.treaty_identifier)) {
        apply_catalog(instrument, *found->first);
        apply_catalog(expression, *found->second);
    }
    instrument.expressions.push_back(std::move(expression));
    for (auto& warning : document.parsed.warnings)
        result.warnings.push_back(std::move(warning));
    ++result.files;
    return instrument;
}

void merge_into(std::vector<Instrument>& instruments, Instrument&& instrument) {
    for (auto& existing : instruments) {
        if (existing.alias != instrument.alias)
            continue;
        for (auto& expression : instrument.expressions) {
            auto same = std::find_if(
                existing.expressions.begin(), existing.expressions.end(),
                [&](const Expression& e) { return e.language == expression.language; });
            if (same != existing.expressions.end())
                *same = std::move(expression);
            else
                existing.expressions.push_back(std::move(expression));
        }
        for (auto& alias : instrument.other_aliases)
            if (std::find(existing.other_aliases.begin(), existing.other_aliases.end(), alias) ==
                existing.other_aliases.end())
                existing.other_aliases.push_back(alias);
        return;
    }
    instruments.push_back(std::move(instrument));
}

std::vector<std::string> expand_paths(const std::vector<std::string>& paths) {
    std::vector<std::string> files;
    for (const auto& path : paths) {
        if (!fs::exists(path))
            throw Error("no such file or folder", {path, 0, 0}, "check the path");
        if (fs::is_directory(path)) {
            std::vector<std::string> found;
            for (const auto& entry : fs::directory_iterator(path)) {
                std::string extension = entry.path().extension().string();
                if (entry.is_regular_file() &&
                    (extension == ".xml" || extension == ".md" || extension == ".txt"))
                    found.push_back(entry.path().string());
            }
            std::sort(found.begin(), found.end());
            if (found.empty())
                throw Error("folder holds no .xml, .md or .txt file", {path, 0, 0},
                            "point to a ToTA xml/ folder or to treaty texts");
            files.insert(files.end(), found.begin(), found.end());
        } else {
            files.push_back(path);
        }
    }
    return files;
}

} // namespace

LoadResult load_paths(const std::vector<std::string>& paths, const Catalog& catalog,
                      const ProgressCallback& progress, const InstrumentSink& sink) {
    LoadResult result;
    auto emit = [&](Instrument&& instrument) {
        if (sink)
            sink(std::move(instrument));
        else
            merge_into(result.instruments, std::move(instrument));
    };
    std::vector<std::string> files = expand_paths(paths);
    std::vector<const CatalogExpression*> bundled_done;
    for (std::size_t i = 0; i < files.size(); ++i) {
        const std::string& path = files[i];
        std::string xml;
        std::string extension = fs::path(path).extension().string();
        std::transform(extension.begin(), extension.end(), extension.begin(), ::tolower);
        if (extension == ".xml")
            xml = read_file(path);
        Format format = detect_format(path, xml);
        if (format == Format::tota) {
            emit(load_tota(path, xml, catalog, result));
        } else if (format == Format::akn) {
            emit(read_akn(xml, path));
            ++result.files;
        } else if (auto found = catalog.find_file(fs::path(path).filename().string())) {
            // A bundled file: its expression may span several files (treaty + annexes).
            if (std::find(bundled_done.begin(), bundled_done.end(), found->second) ==
                bundled_done.end()) {
                bundled_done.push_back(found->second);
                emit(load_bundled_expression(*found->first, *found->second,
                                             fs::path(path).parent_path().string(), result));
            }
        } else {
            // A file of one's own: its front matter (kb/front_matter.hpp), if any, names it.
            std::string content = read_file(path);
            std::optional<FrontMatter> front = take_front_matter(content, path);
            ParsedText parsed = format == Format::markdown
                                    ? parse_markdown_treaty(content, path)
                                    : parse_plain_text_treaty(content, path);
            Instrument instrument;
            instrument.alias = alias_from_file(path);
            instrument.title = parsed.title.empty() ? instrument.alias : parsed.title;
            instrument.short_title = instrument.title;
            instrument.work_uri = "/akn/local/act/" + instrument.alias + "/!main";
            if (front)
                apply_front_matter(instrument, parsed.expression, *front);
            parsed.expression.authentic = true;
            parsed.expression.uri = instrument.work_uri.substr(0, instrument.work_uri.size() - 5) +
                                    parsed.expression.language + "@";
            instrument.expressions.push_back(std::move(parsed.expression));
            for (auto& warning : parsed.warnings)
                result.warnings.push_back(std::move(warning));
            ++result.files;
            emit(std::move(instrument));
        }
        if (progress)
            progress(i + 1, files.size(), path);
    }
    return result;
}

LoadResult load_catalog_corpus(const Catalog& catalog, const std::string& texts_dir,
                               const std::optional<std::string>& tota_dir,
                               const ProgressCallback& progress, const InstrumentSink& sink) {
    LoadResult result;
    auto emit = [&](Instrument&& instrument) {
        if (sink)
            sink(std::move(instrument));
        else
            merge_into(result.instruments, std::move(instrument));
    };
    std::size_t total = 0, done = 0;
    for (const auto& entry : catalog.instruments)
        total += entry.expressions.size();
    for (const auto& entry : catalog.instruments) {
        for (const auto& expression : entry.expressions) {
            std::string shown;
            if (!expression.files.empty()) {
                emit(load_bundled_expression(entry, expression, texts_dir, result));
                shown = expression.files.front().name;
            } else if (!expression.tota_id.empty() && tota_dir) {
                shown = (fs::path(*tota_dir) / ("pta_" + expression.tota_id + ".xml")).string();
                emit(load_tota(shown, read_file(shown), catalog, result));
            }
            if (progress)
                progress(++done, total, shown);
        }
    }
    return result;
}

} // namespace treatykb
