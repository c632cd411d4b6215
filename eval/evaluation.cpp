#include "eval/evaluation.hpp"

#include "core/error.hpp"
#include "core/time_span.hpp"
#include "extract/incident_extractor.hpp"
#include "core/language.hpp"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <limits>
#include <memory>
#include <map>
#include <numeric>
#include <tuple>

namespace incidentmap::eval {

namespace {

using core::InputError;

constexpr double kXmlToleranceKm = 161.0;
constexpr double kFigurePenaltyKm = 5.0;  // per gold figure an extracted incident does not get right
constexpr std::uint32_t kSpanSearch = 40;  // the mention's words are looked for at less than this many code points

// Messages by appending (GCC 12 warns on some "literal" + std::string chains).
void append_part(std::string& s, std::string_view part) { s.append(part); }
void append_part(std::string& s, char c) { s += c; }
template <class... Parts>
std::string cat(const Parts&... parts) {
    std::string s;
    (append_part(s, parts), ...);
    return s;
}

// ---------------------------------------------------------------- text

std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError(path.string(), "cannot open the file");
    std::string s((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (in.bad()) throw InputError(path.string(), "reading the file failed");
    return s;
}

// "\r\n" and "\r" as "\n", as XML and Python's text files read them.
std::string normalize_newlines(std::string s) {
    if (s.find('\r') == std::string::npos) return s;
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] != '\r') out += s[i];
        else {
            out += '\n';
            if (i + 1 < s.size() && s[i + 1] == '\n') ++i;
        }
    }
    return out;
}

// Byte offset of every code point of valid UTF-8, plus the size at the end; nullopt and the offset of the first
// invalid byte otherwise.
struct CodePoints {
    std::vector<std::size_t> offsets;
    std::size_t bad = std::string::npos;
};

CodePoints code_points(std::string_view s) {
    CodePoints cp;
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    const std::size_t n = s.size();
    cp.offsets.reserve(n + 1);
    for (std::size_t i = 0; i < n;) {
        const unsigned c = p[i];
        std::size_t len = 0;
        std::uint32_t v = 0;
        if (c < 0x80) len = 1, v = c;
        else if ((c & 0xE0) == 0xC0) len = 2, v = c & 0x1F;
        else if ((c & 0xF0) == 0xE0) len = 3, v = c & 0x0F;
        else if ((c & 0xF8) == 0xF0) len = 4, v = c & 0x07;
        bool ok = len > 0 && i + len <= n;
        for (std::size_t k = 1; ok && k < len; ++k) {
            ok = (p[i + k] & 0xC0) == 0x80;
            v = (v << 6) | (p[i + k] & 0x3F);
        }
        if (ok && ((len == 2 && v < 0x80) || (len == 3 && v < 0x800) || (len == 4 && (v < 0x10000 || v > 0x10FFFF)) ||
                   (v >= 0xD800 && v <= 0xDFFF)))
            ok = false;
        if (!ok) {
            cp.bad = i;
            return cp;
        }
        cp.offsets.push_back(i);
        i += len;
    }
    cp.offsets.push_back(n);
    return cp;
}

// A text with its code point offsets, for spans.
class Article {
public:
    Article(std::string text, const std::string& source) : text_(std::move(text)) {
        auto cp = code_points(text_);
        if (cp.bad != std::string::npos) {
            std::string detail = "invalid UTF-8 at byte ";
            detail += std::to_string(cp.bad);
            throw InputError(source, detail);
        }
        offsets_ = std::move(cp.offsets);
    }

    std::uint32_t size() const { return static_cast<std::uint32_t>(offsets_.size() - 1); }
    std::string_view slice(std::uint32_t b, std::uint32_t e) const {
        b = std::min(b, size());
        e = std::clamp(e, b, size());
        return std::string_view(text_).substr(offsets_[b], offsets_[e] - offsets_[b]);
    }
    std::string take() { return std::move(text_); }

    // The span where `words` (code points: `length`) stand, looked for near [b, e) when they are not there.
    std::pair<std::uint32_t, std::uint32_t> fix_span(std::uint32_t b, std::uint32_t e, std::string_view words) const {
        if (words.empty() || slice(b, e) == words) return {b, e};
        const auto length = static_cast<std::uint32_t>(code_points(words).offsets.size() - 1);
        auto at = [&](std::int64_t c) {
            return c >= 0 && c + length <= size() && slice(static_cast<std::uint32_t>(c), static_cast<std::uint32_t>(c + length)) == words;
        };
        for (std::int64_t d = 1; d < kSpanSearch; ++d)
            for (const std::int64_t c : {std::int64_t(b) - d, std::int64_t(b) + d})
                if (at(c)) return {static_cast<std::uint32_t>(c), static_cast<std::uint32_t>(c + length)};
        return {b, e};
    }

private:
    std::string text_;
    std::vector<std::size_t> offsets_;
};

// ---------------------------------------------------------------- XML
// The corpora are read with libxml2: no network, no external entities, and its nesting limit (256 levels), so that
// a file nested a million deep is an error, not a stack overflow. The tree is then copied into plain elements
// without recursion. Character data is kept exactly (leading blanks included: offsets count them), after XML's
// line-end normalisation; CDATA counts as character data.

struct XmlElement {
    std::string name;
    std::vector<std::pair<std::string, std::string>> attributes;
    std::string text;  // the character data directly inside, concatenated
    std::vector<XmlElement> children;
    std::size_t line = 0;

    const XmlElement* child(std::string_view n) const {
        for (const auto& c : children)
            if (c.name == n) return &c;
        return nullptr;
    }
    std::optional<std::string> child_text(std::string_view n) const {
        const XmlElement* c = child(n);
        return c ? std::optional<std::string>(c->text) : std::nullopt;
    }
    std::string attribute(std::string_view n) const {
        for (const auto& [k, v] : attributes)
            if (k == n) return v;
        return {};
    }
    // Every descendant named `n`, in document order (an explicit stack: no recursion).
    void descendants(std::string_view n, std::vector<const XmlElement*>& out) const {
        std::vector<std::pair<const XmlElement*, std::size_t>> stack{{this, 0}};
        while (!stack.empty()) {
            auto& [e, next] = stack.back();
            if (next == e->children.size()) {
                stack.pop_back();
                continue;
            }
            const XmlElement& c = e->children[next++];
            if (c.name == n) out.push_back(&c);
            stack.emplace_back(&c, 0);
        }
    }
};

XmlElement read_xml_tree(std::string_view in, const std::string& source) {
    struct Freer {
        void operator()(xmlDoc* d) const { xmlFreeDoc(d); }
        void operator()(xmlParserCtxt* c) const { xmlFreeParserCtxt(c); }
    };
    if (in.size() > static_cast<std::size_t>(std::numeric_limits<int>::max())) throw InputError(source, "larger than 2 GB");
    std::unique_ptr<xmlParserCtxt, Freer> ctxt(xmlNewParserCtxt());
    if (!ctxt) throw core::Error(source + ": libxml2 could not start a parser");
    std::unique_ptr<xmlDoc, Freer> doc(xmlCtxtReadMemory(ctxt.get(), in.data(), static_cast<int>(in.size()), source.c_str(), "UTF-8",
                                                         XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING));
    if (!doc || !ctxt->wellFormed) {
        const xmlError* e = xmlCtxtGetLastError(ctxt.get());
        std::string what = e && e->message ? e->message : "not well-formed XML";
        while (!what.empty() && (what.back() == '\n' || what.back() == ' ')) what.pop_back();
        // libxml2's advice to its programmers is none to a user.
        if (const auto at = what.find(" use XML_PARSE_HUGE option"); at != std::string::npos) what.replace(at, std::string::npos, " levels of nesting at most");
        throw InputError(source, "XML: " + what, e ? cat("line ", std::to_string(e->line)) : std::string());
    }
    const xmlNode* root = xmlDocGetRootElement(doc.get());
    if (!root) throw InputError(source, "XML: no root element");
    auto text_of = [](const xmlChar* s) { return s ? std::string(reinterpret_cast<const char*>(s)) : std::string(); };
    auto fill = [&](XmlElement& e, const xmlNode* n) {
        e.name = text_of(n->name);
        e.line = static_cast<std::size_t>(xmlGetLineNo(n));
        for (const xmlAttr* a = n->properties; a; a = a->next) {
            xmlChar* v = xmlNodeListGetString(n->doc, a->children, 1);
            e.attributes.emplace_back(text_of(a->name), text_of(v));
            xmlFree(v);
        }
    };
    XmlElement out;
    fill(out, root);
    std::vector<std::pair<const xmlNode*, XmlElement*>> stack{{root, &out}};
    while (!stack.empty()) {
        const auto [n, e] = stack.back();
        stack.pop_back();
        std::size_t elements = 0;
        for (const xmlNode* c = n->children; c; c = c->next) elements += c->type == XML_ELEMENT_NODE;
        e->children.reserve(elements);  // no reallocation: the stack points into it
        for (const xmlNode* c = n->children; c; c = c->next) {
            if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) e->text += text_of(c->content);
            else if (c->type == XML_ELEMENT_NODE) {
                fill(e->children.emplace_back(), c);
                stack.emplace_back(c, &e->children.back());
            }
        }
    }
    return out;
}

// ---------------------------------------------------------------- readers

// A number as XML corpora write it, blanks around allowed; nullopt when absent, empty or not a finite number.
std::optional<double> to_number(const std::optional<std::string>& s) {
    if (!s) return std::nullopt;
    const std::size_t b = s->find_first_not_of(" \t\n"), e = s->find_last_not_of(" \t\n");
    if (b == std::string::npos) return std::nullopt;
    const char* first = s->data() + b;
    const char* last = s->data() + e + 1;
    if (*first == '+') ++first;
    double v = 0;
    const auto [end, ec] = std::from_chars(first, last, v);
    if (ec != std::errc() || end != last || !std::isfinite(v)) return std::nullopt;
    return v;
}

std::uint32_t xml_offset(const XmlElement& e, const char* child, const std::string& source) {
    const auto text = e.child_text(child);
    const auto where = cat("line ", std::to_string(e.line));
    if (!text) throw InputError(source, cat("<", e.name, "> without <", child, ">"), where);
    const auto v = to_number(text);
    if (!v || *v < 0 || *v != std::floor(*v) || *v > 4e9)
        throw InputError(source, cat("<", child, "> is '", *text, "', not an offset"), where);
    return static_cast<std::uint32_t>(*v);
}

Corpus read_xml(const std::filesystem::path& path, std::string content) {
    const std::string source = path.string();
    content = normalize_newlines(std::move(content));
    if (const auto cp = code_points(content); cp.bad != std::string::npos) {
        std::string detail = "invalid UTF-8 at byte ";
        detail += std::to_string(cp.bad);
        throw InputError(source, detail);
    }
    const XmlElement root = read_xml_tree(content, source);
    std::vector<const XmlElement*> articles;
    if (root.name == "article") articles.push_back(&root);
    root.descendants("article", articles);
    if (articles.empty()) throw InputError(source, "no <article> element: not a GeoVirus, LGL, TR-News or GeoWebNews corpus");

    Corpus corpus{source, CorpusFormat::xml, {}};
    for (std::size_t i = 0; i < articles.size(); ++i) {
        const XmlElement& a = *articles[i];
        Article text(a.child_text("text").value_or(""), source);
        EvalDocument doc;
        doc.id = a.attribute("docid");
        if (doc.id.empty()) doc.id = a.attribute("file");
        if (doc.id.empty()) doc.id = std::to_string(i);
        doc.lang = "en";
        if (auto dl = a.child_text("dltime")) {
            const auto b = dl->find_first_not_of(" \t\n");
            if (b != std::string::npos) doc.published = core::parse_iso_date(std::string_view(*dl).substr(b, 10));
        }
        std::vector<const XmlElement*> spans;
        a.descendants("location", spans);
        a.descendants("toponym", spans);
        for (const XmlElement* t : spans) {
            GoldMention m;
            const std::uint32_t b = xml_offset(*t, "start", source), e = xml_offset(*t, "end", source);
            if (e < b) throw InputError(source, "<end> before <start>", cat("line ", std::to_string(t->line)));
            std::optional<std::string> words, lat, lon;
            if (t->name == "location") {
                words = t->child_text("name");
                lat = t->child_text("lat");
                lon = t->child_text("lon");
            } else {
                words = t->child_text("phrase");
                if (!words) words = t->child_text("extractedName");
                if (const XmlElement* g = t->child("gaztag")) {
                    lat = g->child_text("lat");
                    lon = g->child_text("lon");
                } else {
                    lat = t->child_text("latitude");
                    lon = t->child_text("longitude");
                }
            }
            std::tie(m.cp_begin, m.cp_end) = text.fix_span(b, e, words.value_or(""));
            m.text = std::string(text.slice(m.cp_begin, m.cp_end));
            const auto la = to_number(lat), lo = to_number(lon);
            if (la && lo) m.location = core::LatLon::try_degrees(*la, *lo);
            if ((la && lo) && !m.location)
                throw InputError(source, cat("coordinates ", *lat, ", ", *lon, " out of range"), cat("line ", std::to_string(t->line)));
            m.tolerance = core::Meters::kilometers(kXmlToleranceKm);
            doc.mentions.push_back(std::move(m));
        }
        doc.text = text.take();
        corpus.documents.push_back(std::move(doc));
    }
    return corpus;
}

// JSON field access with errors naming where.
class JsonFields {
public:
    JsonFields(const nlohmann::json& j, std::string source, std::string where)
        : j_(j), source_(std::move(source)), where_(std::move(where)) {
        if (!j_.is_object()) fail("not a JSON object");
    }

    [[noreturn]] void fail(const std::string& what) const {
        throw InputError(source_, what, where_.empty() ? std::nullopt : std::optional<std::string>(where_));
    }
    bool has(const char* key) const { return j_.contains(key) && !j_[key].is_null(); }
    const nlohmann::json& at(const char* key) const {
        if (!has(key)) fail(cat("\"", key, "\" is missing"));
        return j_[key];
    }
    std::string string(const char* key) const {
        const auto& v = at(key);
        if (!v.is_string()) fail(cat("\"", key, "\" is not a string"));
        return v.get<std::string>();
    }
    double number(const char* key) const {
        const auto& v = at(key);
        if (!v.is_number()) fail(cat("\"", key, "\" is not a number"));
        return v.get<double>();
    }
    long long integer(const char* key) const {
        const auto& v = at(key);
        if (!v.is_number_integer()) fail(cat("\"", key, "\" is not an integer"));
        return v.get<long long>();
    }
    std::optional<int> figure(const char* key) const {
        if (!has(key)) return std::nullopt;
        const long long v = integer(key);
        if (v < 0 || v > 1'000'000'000) fail(cat("\"", key, "\" is ", std::to_string(v), ", not a count"));
        return static_cast<int>(v);
    }
    bool flag(const char* key) const {
        if (!has(key)) return false;
        if (!j_[key].is_boolean()) fail(cat("\"", key, "\" is not true or false"));
        return j_[key].get<bool>();
    }
    double tolerance_km(const char* key) const {
        const double v = number(key);
        if (!(v >= 0)) fail(cat("\"", key, "\" is negative"));
        return v;
    }

private:
    const nlohmann::json& j_;
    std::string source_;
    std::string where_;
};

struct GoldPlace {
    core::LatLon location;
    double tolerance_km = 0;
    std::string kind;
    bool optional = false;
};

Corpus read_gold_json(const std::filesystem::path& path, const std::string& content) {
    const std::string source = path.string();
    nlohmann::json j;
    try {
        j = nlohmann::json::parse(content);
    } catch (const nlohmann::json::exception& e) {  // parse errors, and numbers too large for a double
        throw InputError(source, std::string("malformed JSON: ") + e.what());
    }
    const JsonFields top(j, source, "");
    const std::filesystem::path article_path = path.parent_path() / top.string("article");
    std::string article;
    try {
        article = read_file(article_path);
    } catch (const InputError& e) {  // named from the gold file, which is what the user gave
        throw InputError(source, cat("the article ", e.what()), "article");
    }
    Article text(normalize_newlines(std::move(article)), article_path.string());

    EvalDocument doc;
    doc.id = top.string("article");
    if (top.has("language")) {
        doc.lang = top.string("language");
        if (!core::parse_language(doc.lang)) top.fail(cat("\"language\" is '", doc.lang, "', expected fr, en or ru"));
    } else {
        const auto detected = core::detect_language(text.slice(0, text.size()));
        doc.lang = detected ? std::string(to_string(*detected)) : "en";
    }
    if (top.has("published")) {
        const std::string p = top.string("published");
        doc.published = core::parse_iso_date(p);
        if (!doc.published) top.fail(cat("\"published\" is '", p, "', not a date YYYY-MM-DD"));
    }

    std::map<std::string, GoldPlace> places;
    const auto& pj = top.at("places");
    if (!pj.is_object()) top.fail("\"places\" is not an object");
    for (const auto& [key, value] : pj.items()) {
        const JsonFields f(value, source, cat("places.", key));
        GoldPlace p;
        const double lat = f.number("lat"), lon = f.number("lon");
        const auto ll = core::LatLon::try_degrees(lat, lon);
        if (!ll) f.fail("lat, lon out of range");
        p.location = *ll;
        p.tolerance_km = f.tolerance_km("tolerance_km");
        if (f.has("kind")) p.kind = f.string("kind");
        p.optional = f.flag("optional");
        places.emplace(key, std::move(p));
    }

    if (top.has("mentions")) {
        const auto& mj = top.at("mentions");
        if (!mj.is_array()) top.fail("\"mentions\" is not an array");
        for (std::size_t i = 0; i < mj.size(); ++i) {
            const JsonFields f(mj[i], source, cat("mentions[", std::to_string(i), "]"));
            const long long b = f.integer("start"), e = f.integer("end");
            if (b < 0 || e < b || e > text.size()) {
                std::string what = "span [";
                what += std::to_string(b);
                what += ", ";
                what += std::to_string(e);
                what += ") is not within the article (";
                what += std::to_string(text.size());
                what += " code points)";
                f.fail(what);
            }
            GoldMention m;
            m.place = f.string("place");
            std::tie(m.cp_begin, m.cp_end) = text.fix_span(static_cast<std::uint32_t>(b), static_cast<std::uint32_t>(e),
                                                           f.has("text") ? f.string("text") : std::string());
            m.text = std::string(text.slice(m.cp_begin, m.cp_end));
            if (m.place != "IGNORE") {
                const auto p = places.find(m.place);
                if (p == places.end()) f.fail(cat("place '", m.place, "' is not in \"places\""));
                m.location = p->second.location;
                m.tolerance = core::Meters::kilometers(p->second.tolerance_km);
                m.kind = p->second.kind;
                m.optional = p->second.optional;
            }
            doc.mentions.push_back(std::move(m));
        }
    }

    if (top.has("incidents")) {
        const auto& ij = top.at("incidents");
        if (!ij.is_array()) top.fail("\"incidents\" is not an array");
        for (std::size_t i = 0; i < ij.size(); ++i) {
            const JsonFields f(ij[i], source, cat("incidents[", std::to_string(i), "]"));
            GoldIncident g;
            if (f.has("id")) g.id = f.at("id").is_string() ? f.string("id") : f.at("id").dump();
            else g.id = std::to_string(i + 1);
            g.summary = f.has("summary") ? f.string("summary") : f.has("event_type") ? f.string("event_type") : std::string();
            const std::string date = f.string("date");
            const auto day = core::parse_iso_date(date);
            if (!day) f.fail(cat("\"date\" is '", date, "', not a date YYYY-MM-DD"));
            g.date = *day;
            if (f.has("date_tolerance_days")) {
                const long long d = f.integer("date_tolerance_days");
                if (d < 0 || d > 100000) f.fail(cat("\"date_tolerance_days\" is ", std::to_string(d)));
                g.date_tolerance_days = static_cast<int>(d);
            }
            g.place = f.string("place");
            const auto p = places.find(g.place);
            if (p == places.end()) f.fail(cat("place '", g.place, "' is not in \"places\""));
            g.location = p->second.location;
            g.tolerance = core::Meters::kilometers(f.has("place_tolerance_km") ? f.tolerance_km("place_tolerance_km") : p->second.tolerance_km);
            g.fatalities = f.figure("fatalities");
            g.injured = f.figure("injured");
            g.arrested = f.figure("arrested");
            g.optional = f.flag("optional");
            doc.incidents.push_back(std::move(g));
        }
    }
    doc.text = text.take();
    Corpus corpus{source, CorpusFormat::gold_json, {}};
    corpus.documents.push_back(std::move(doc));
    return corpus;
}

// ---------------------------------------------------------------- scoring

bool overlaps(std::uint32_t b1, std::uint32_t e1, std::uint32_t b2, std::uint32_t e2) { return std::max(b1, b2) < std::min(e1, e2); }

std::string km_text(double km) {
    char buf[32];
    std::snprintf(buf, sizeof buf, km < 10 ? "%.2f km" : "%.0f km", km);
    return buf;
}

std::string lat_lon_text(core::LatLon p) {
    char buf[48];
    std::snprintf(buf, sizeof buf, "(%.4f, %.4f)", p.lat_deg(), p.lon_deg());
    return buf;
}

bool figure_right(std::optional<int> extracted, int gold) {
    return extracted && std::abs(static_cast<double>(*extracted) - gold) <= 0.1 * gold;
}

using Day = std::chrono::sys_days;

std::string incident_date_text(const core::Incident& in) {
    if (!in.time.is_known()) return "date unknown";
    const auto first = std::chrono::floor<std::chrono::days>(in.time.start());
    const auto last = std::chrono::floor<std::chrono::days>(in.time.end() - std::chrono::seconds{1});
    std::string s = core::format_iso_date(std::chrono::year_month_day{first});
    if (last != first) {
        s += "..";
        s += core::format_iso_date(std::chrono::year_month_day{last});
    }
    return s;
}

double share(std::size_t n, std::size_t d) { return d ? static_cast<double>(n) / static_cast<double>(d) : 0.0; }

}  // namespace

// ---------------------------------------------------------------- public

Corpus read_corpus(const std::filesystem::path& path) {
    std::string content = read_file(path);
    // The first byte after a UTF-8 byte order mark and white space; a file of nothing else has none.
    const std::size_t first = content.find_first_not_of(" \t\r\n", content.starts_with("\xEF\xBB\xBF") ? 3 : 0);
    const char c = first == std::string::npos ? '\0' : content[first];
    if (c == '{') return read_gold_json(path, content);
    if (c == '<') return read_xml(path, std::move(content));
    throw InputError(path.string(), "neither a gold JSON file nor an XML corpus (it starts with neither '{' nor '<')");
}

std::string_view to_string(Finding::Kind kind) {
    switch (kind) {
        case Finding::Kind::missed_place: return "MISSED";
        case Finding::Kind::wrong_place: return "WRONG";
        case Finding::Kind::spurious_place: return "SPURIOUS";
        case Finding::Kind::missed_incident: return "MISSED";
        case Finding::Kind::extra_incident: return "EXTRA";
        case Finding::Kind::wrong_figure: return "FIGURE";
    }
    return "?";
}

double PlaceScores::precision() const { return share(matched, matched + spurious); }
double PlaceScores::recall() const { return share(matched, gold); }
double PlaceScores::f1() const {
    const double p = precision(), r = recall();
    return p + r > 0 ? 2 * p * r / (p + r) : 0.0;
}
double PlaceScores::accuracy_161km() const { return share(within_161km, errors_km.size()); }
double PlaceScores::within_tolerance_share() const { return share(within_tolerance, errors_km.size()); }
double PlaceScores::end_to_end_tolerance() const { return share(within_tolerance, gold); }
std::optional<double> PlaceScores::mean_error_km() const {
    if (errors_km.empty()) return std::nullopt;
    return std::accumulate(errors_km.begin(), errors_km.end(), 0.0) / static_cast<double>(errors_km.size());
}
std::optional<double> PlaceScores::median_error_km() const {
    if (errors_km.empty()) return std::nullopt;
    std::vector<double> e = errors_km;
    std::sort(e.begin(), e.end());
    const std::size_t n = e.size();
    return n % 2 ? e[n / 2] : (e[n / 2 - 1] + e[n / 2]) / 2;
}

PlaceScores& PlaceScores::operator+=(const PlaceScores& o) {
    documents += o.documents;
    gold += o.gold;
    matched += o.matched;
    missed += o.missed;
    spurious += o.spurious;
    within_161km += o.within_161km;
    within_tolerance += o.within_tolerance;
    errors_km.insert(errors_km.end(), o.errors_km.begin(), o.errors_km.end());
    return *this;
}

double IncidentScores::recall() const { return share(found, gold); }
double IncidentScores::precision() const { return share(matched, extracted); }

IncidentScores& IncidentScores::operator+=(const IncidentScores& o) {
    documents += o.documents;
    gold += o.gold;
    found += o.found;
    extracted += o.extracted;
    matched += o.matched;
    figures += o.figures;
    figures_right += o.figures_right;
    return *this;
}

void score_places(const EvalDocument& doc, std::span<const gazetteer::ResolvedMention> system, PlaceScores& scores,
                  std::vector<Finding>* findings) {
    ++scores.documents;
    std::vector<bool> used(system.size(), false);
    for (const GoldMention& g : doc.mentions) {
        if (g.ignored()) continue;
        std::size_t hit = system.size();
        for (std::size_t i = 0; i < system.size() && hit == system.size(); ++i)
            if (!used[i] && overlaps(system[i].cp_begin, system[i].cp_end, g.cp_begin, g.cp_end)) hit = i;
        if (hit == system.size()) {
            if (g.optional) continue;
            ++scores.gold;
            ++scores.missed;
            if (findings) {
                std::string detail = g.place.empty() ? lat_lon_text(*g.location) : g.place;
                if (!g.kind.empty()) detail += cat(" (", g.kind, ")");
                findings->push_back({Finding::Kind::missed_place, doc.id, g.text, detail});
            }
            continue;
        }
        used[hit] = true;
        ++scores.gold;
        ++scores.matched;
        const auto& m = system[hit];
        const double km = core::distance(*g.location, m.location).km();
        scores.errors_km.push_back(km);
        if (km <= 161.0) ++scores.within_161km;
        if (km <= g.tolerance.km()) ++scores.within_tolerance;
        else if (findings) {
            std::string detail = "-> ";
            detail += m.name;
            detail += ' ';
            detail += lat_lon_text(m.location);
            detail += ' ';
            detail += km_text(km);
            detail += " off, allowed ";
            detail += km_text(g.tolerance.km());
            if (!g.place.empty()) detail += cat(" (", g.place, ")");
            findings->push_back({Finding::Kind::wrong_place, doc.id, g.text, detail});
        }
    }
    for (std::size_t i = 0; i < system.size(); ++i) {
        if (used[i]) continue;
        const auto& m = system[i];
        const bool covered = std::any_of(doc.mentions.begin(), doc.mentions.end(), [&](const GoldMention& g) {
            return overlaps(m.cp_begin, m.cp_end, g.cp_begin, g.cp_end);
        });
        if (covered) continue;
        ++scores.spurious;
        if (findings) findings->push_back({Finding::Kind::spurious_place, doc.id, m.text, cat("-> ", m.name, ' ', lat_lon_text(m.location))});
    }
}

void score_incidents(const EvalDocument& doc, std::span<const core::Incident> extracted, IncidentScores& scores,
                     std::vector<Finding>* findings) {
    ++scores.documents;
    scores.extracted += extracted.size();
    std::vector<const GoldIncident*> golds;
    for (const auto& g : doc.incidents) golds.push_back(&g);
    std::stable_sort(golds.begin(), golds.end(), [](const GoldIncident* a, const GoldIncident* b) { return !a->optional && b->optional; });

    // Each extracted incident's date range in days; nullopt for an unknown time.
    std::vector<std::optional<std::pair<Day, Day>>> ranges;
    for (const auto& in : extracted) {
        if (!in.time.is_known()) ranges.emplace_back();
        else
            ranges.emplace_back(std::pair{std::chrono::floor<std::chrono::days>(in.time.start()),
                                          std::chrono::floor<std::chrono::days>(in.time.end() - std::chrono::seconds{1})});
    }

    std::vector<bool> used(extracted.size(), false);
    for (const GoldIncident* g : golds) {
        if (!g->optional) ++scores.gold;
        const Day day{g->date};
        const std::chrono::days tol{g->date_tolerance_days};
        std::optional<std::pair<double, std::size_t>> best;
        for (std::size_t i = 0; i < extracted.size(); ++i) {
            if (used[i] || !ranges[i] || !extracted[i].location) continue;  // an unlocated incident is at no gold place
            if (day < ranges[i]->first - tol || day > ranges[i]->second + tol) continue;
            const double km = core::distance(g->location, *extracted[i].location).km();
            if (km > g->tolerance.km()) continue;
            double score = km;
            if (g->fatalities && !figure_right(extracted[i].fatalities, *g->fatalities)) score += kFigurePenaltyKm;
            if (g->injured && !figure_right(extracted[i].injured, *g->injured)) score += kFigurePenaltyKm;
            if (g->arrested && !figure_right(extracted[i].arrested, *g->arrested)) score += kFigurePenaltyKm;
            if (!best || score < best->first) best = std::pair{score, i};
        }
        if (!best) {
            if (!g->optional && findings) {
                std::string detail = "#";
                detail += g->id;
                detail += ' ';
                detail += core::format_iso_date(g->date);
                if (g->date_tolerance_days) detail += cat(" ±", std::to_string(g->date_tolerance_days), " d");
                detail += " @ ";
                detail += g->place;
                detail += " within ";
                detail += km_text(g->tolerance.km());
                findings->push_back({Finding::Kind::missed_incident, doc.id, g->summary, detail});
            }
            continue;
        }
        used[best->second] = true;
        ++scores.matched;
        if (g->optional) continue;
        ++scores.found;
        const core::Incident& in = extracted[best->second];
        const std::pair<const char*, std::pair<std::optional<int>, std::optional<int>>> figures[] = {
            {"fatalities", {g->fatalities, in.fatalities}}, {"injured", {g->injured, in.injured}}, {"arrested", {g->arrested, in.arrested}}};
        for (const auto& [name, values] : figures) {
            const auto& [gold, got] = values;
            if (!gold) continue;
            ++scores.figures;
            if (figure_right(got, *gold)) {
                ++scores.figures_right;
            } else if (findings) {
                std::string detail = "#";
                detail += g->id;
                detail += ' ';
                detail += name;
                detail += ' ';
                detail += got ? std::to_string(*got) : std::string("unknown");
                detail += ", gold ";
                detail += std::to_string(*gold);
                findings->push_back({Finding::Kind::wrong_figure, doc.id, in.quote, detail});
            }
        }
    }
    if (findings)
        for (std::size_t i = 0; i < extracted.size(); ++i) {
            if (used[i]) continue;
            const auto& in = extracted[i];
            std::string detail = incident_date_text(in);
            detail += ' ';
            if (in.event_type) detail += core::to_string(*in.event_type);
            detail += " @ ";
            detail += in.place_name.empty() ? std::string("?") : in.place_name;
            detail += ' ';
            detail += in.location ? lat_lon_text(*in.location) : std::string("(no location)");
            findings->push_back({Finding::Kind::extra_incident, doc.id, in.quote, detail});
        }
}

PlaceScores evaluate_places(const Corpus& corpus, const gazetteer::Geoparser& parser, std::size_t limit,
                            std::vector<Finding>* findings, const gazetteer::ResolveOptions& options) {
    PlaceScores scores;
    const std::size_t n = limit ? std::min(limit, corpus.documents.size()) : corpus.documents.size();
    for (std::size_t i = 0; i < n; ++i) {
        const auto& doc = corpus.documents[i];
        const auto found = parser.parse(doc.text, doc.lang, options);
        score_places(doc, found, scores, findings);
    }
    return scores;
}

IncidentScores evaluate_incidents(const Corpus& corpus, const IncidentExtractor& extractor, std::size_t limit,
                                  std::vector<Finding>* findings) {
    IncidentScores scores;
    const std::size_t n = limit ? std::min(limit, corpus.documents.size()) : corpus.documents.size();
    for (std::size_t i = 0; i < n; ++i) {
        const auto& doc = corpus.documents[i];
        extract::ExtractOptions options;
        options.published = doc.published;
        options.source = doc.id;
        const auto lang = core::parse_language(doc.lang).value_or(core::Language::en);
        const auto incidents = extractor.extract(doc.text, lang, options);
        score_incidents(doc, incidents, scores, findings);
    }
    return scores;
}

}  // namespace incidentmap::eval
