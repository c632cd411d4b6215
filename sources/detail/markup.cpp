#include "sources/detail/markup.hpp"

#include "sources/detail/boilerplate.hpp"

#include "core/error.hpp"
#include "core/language.hpp"

#include <libxml/entities.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>

#include <algorithm>
#include <array>
#include <limits>
#include <mutex>

namespace incidentmap::sources::detail {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

std::string_view chars(const xmlChar* s) { return s ? std::string_view(reinterpret_cast<const char*>(s)) : std::string_view(); }

template <std::size_t N>
bool one_of(std::string_view s, const std::array<std::string_view, N>& set) {
    return std::find(set.begin(), set.end(), s) != set.end();
}

constexpr auto kDroppedTags = std::to_array<std::string_view>({
    "script", "style",  "noscript", "template", "nav",    "header", "footer",   "aside",  "form",   "button", "iframe",
    "svg",    "figure", "figcaption", "select", "object", "embed",  "canvas",   "video",  "audio",  "textarea", "input",
    "head",   "title",  "menu",     "dialog",   "math",   "map",    "datalist", "option", "frameset"});

constexpr auto kBoilerplateTokens = std::to_array<std::string_view>({
    "share",   "sharing", "social",   "newsletter", "subscribe", "subscription", "signup",  "advert",      "advertisement",
    "ad",      "ads",     "promo",    "sponsored",  "related",   "recommended",  "comments", "comment",    "cookie",
    "cookies", "consent", "breadcrumb", "breadcrumbs", "menu",   "nav",          "navbar",  "footer",      "sidebar",
    "donate",  "donation", "paywall", "popup",      "modal",     "banner",       "gdpr"});

constexpr auto kDroppedRoles = std::to_array<std::string_view>({"navigation", "banner",  "complementary", "contentinfo", "search",
                                                         "dialog",     "alertdialog", "menu",      "menubar"});

constexpr auto kBlockTags = std::to_array<std::string_view>({
    "p",       "div",  "h1",   "h2",      "h3",     "h4",      "h5",     "h6",         "li",       "ul",
    "ol",      "dl",   "dt",   "dd",      "blockquote", "pre", "section", "article",   "main",     "table",
    "thead",   "tbody", "tfoot", "tr",    "caption", "br",     "hr",     "address",    "center",   "details",
    "summary", "fieldset", "legend", "body", "html",  "hgroup", "header", "footer"});

bool has_boilerplate_token(std::string_view value) {
    std::size_t at = 0;
    while (at < value.size()) {
        std::size_t end = at;
        while (end < value.size() && value[end] != '-' && value[end] != '_' && !is_space(value[end])) ++end;
        if (end > at && one_of(lower_ascii(value.substr(at, end - at)), kBoilerplateTokens)) return true;
        at = end + 1;
    }
    return false;
}

// Builds paragraphs from text runs: whitespace collapsed, characters inside links counted.
class ParagraphBuilder {
public:
    void text(std::string_view s, bool in_link) {
        for (const char c : s) {
            if (is_space(c)) {
                space_ = true;
                continue;
            }
            if (space_ && !current_.empty()) current_ += ' ';
            space_ = false;
            current_ += c;
            if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
                ++chars_;
                link_chars_ += in_link;
            }
        }
    }
    void soft_break() { space_ = true; }
    void end_paragraph() {
        // A paragraph more than half link text is a menu, a list of links or a "read also".
        if (!current_.empty() && link_chars_ * 2 <= chars_) paragraphs_.push_back(std::move(current_));
        current_.clear();
        chars_ = link_chars_ = 0;
        space_ = false;
    }
    std::vector<std::string> take() {
        end_paragraph();
        return std::move(paragraphs_);
    }

private:
    std::vector<std::string> paragraphs_;
    std::string current_;
    std::size_t chars_ = 0, link_chars_ = 0;
    bool space_ = false;
};

}  // namespace

std::string_view entity_text(const xmlNode* ref) {
    if (!ref->doc) return {};
    const xmlEntity* e = xmlGetDocEntity(ref->doc, ref->name);
    if (!e || !e->content) return {};
    const std::string_view t = chars(e->content);
    if (t.find_first_of("<&") != std::string_view::npos) return {};
    return t;
}

namespace {
// libxml2 writes some errors (an encoding conversion that fails) to stderr through its generic handler, whatever
// HTML_PARSE_NOERROR says; a reader's user gets a value or an InputError instead.
void ignore_generic_error(void*, const char*, ...) {}
}  // namespace

void init_libxml() {
    static std::once_flag once;
    std::call_once(once, [] {
        xmlInitParser();
        xmlThrDefSetGenericErrorFunc(nullptr, ignore_generic_error);  // threads started from now on
    });
    thread_local bool silenced = false;  // the generic handler is per thread
    if (!silenced) {
        xmlSetGenericErrorFunc(nullptr, ignore_generic_error);
        silenced = true;
    }
}

ParsedHtml parse_html(std::string_view bytes, const std::string& location, const char* encoding) {
    init_libxml();
    if (bytes.size() > static_cast<std::size_t>(std::numeric_limits<int>::max())) throw core::InputError(location, "larger than 2 GB");
    // htmlReadMemory, not htmlCtxtReadMemory on a context of our own: in libxml2 2.9 only the former reads a page
    // without a declared encoding as UTF-8 (the latter as Latin-1). Its errors are then the thread's last error.
    xmlResetLastError();
    ParsedHtml parsed;
    parsed.doc.reset(htmlReadMemory(bytes.data(), static_cast<int>(bytes.size()), nullptr, encoding,
                                    HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING));
    if (!parsed.doc || !xmlDocGetRootElement(parsed.doc.get()))
        throw core::InputError(location, "not an HTML document (libxml2 found no element)");
    const xmlError* e = xmlGetLastError();
    parsed.too_deep = e && e->message && std::string_view(e->message).find("Excessive depth") != std::string_view::npos;
    xmlResetLastError();
    return parsed;
}

std::string lower_ascii(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

std::string_view name_of(const xmlNode* n) { return n && n->type == XML_ELEMENT_NODE ? chars(n->name) : std::string_view(); }

bool is_element(const xmlNode* n, std::string_view name) { return name_of(n) == name; }

std::string attribute(const xmlNode* n, std::string_view name) {
    if (!n || n->type != XML_ELEMENT_NODE) return {};
    for (const xmlAttr* a = n->properties; a; a = a->next) {
        std::string qualified;
        std::string_view attr_name = chars(a->name);
        if (a->ns && a->ns->prefix) {
            qualified = std::string(chars(a->ns->prefix)) + ":" + std::string(attr_name);
            attr_name = qualified;
        }
        if (attr_name != name) continue;
        std::string value;
        for (const xmlNode* c = a->children; c; c = c->next) {
            if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) value += chars(c->content);
            else if (c->type == XML_ENTITY_REF_NODE) value += entity_text(c);
        }
        return value;
    }
    return {};
}

bool has_attribute(const xmlNode* n, std::string_view name) {
    if (!n || n->type != XML_ELEMENT_NODE) return false;
    for (const xmlAttr* a = n->properties; a; a = a->next)
        if (chars(a->name) == name) return true;
    return false;
}

std::string host_of(std::string_view url) {
    const std::size_t scheme = url.find("://");
    if (scheme == std::string_view::npos) return {};
    std::string_view rest = url.substr(scheme + 3);
    rest = rest.substr(0, rest.find_first_of("/?#"));
    if (const std::size_t at = rest.rfind('@'); at != std::string_view::npos) rest.remove_prefix(at + 1);
    if (!rest.empty() && rest.front() != '[') rest = rest.substr(0, rest.find(':'));
    return lower_ascii(collapse_whitespace(rest));
}

// "fr-FR", "fr_FR", "FR" -> "fr"; "" for a language incidentmap does not read.
std::string language_code(std::string_view tag) {
    const std::string t = lower_ascii(collapse_whitespace(tag));
    const std::string first = t.substr(0, t.find_first_of("-_"));
    return core::parse_language(first) ? first : std::string();
}

std::string collapse_whitespace(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    bool space = false;
    for (const char c : s) {
        if (is_space(c)) {
            space = true;
            continue;
        }
        if (space && !out.empty()) out += ' ';
        space = false;
        out += c;
    }
    return out;
}

std::string text_of(const xmlNode* n) {
    std::string raw;
    walk(
        n,
        [&](const xmlNode* c) {
            if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) raw += chars(c->content);
            else if (c->type == XML_ENTITY_REF_NODE) raw += entity_text(c);
            return c->type == XML_ELEMENT_NODE && (c == n || (!is_element(c, "script") && !is_element(c, "style")));
        },
        [](const xmlNode*) {});
    return collapse_whitespace(raw);
}

bool dropped_by_tag(std::string_view name) { return one_of(name, kDroppedTags); }

bool dropped_by_marking(const xmlNode* n) {
    if (n->type != XML_ELEMENT_NODE) return false;
    if (has_attribute(n, "hidden")) return true;
    if (has_attribute(n, "aria-hidden") && lower_ascii(attribute(n, "aria-hidden")) == "true") return true;
    if (has_attribute(n, "role") && one_of(lower_ascii(collapse_whitespace(attribute(n, "role"))), kDroppedRoles)) return true;
    return (has_attribute(n, "class") && has_boilerplate_token(attribute(n, "class"))) ||
           (has_attribute(n, "id") && has_boilerplate_token(attribute(n, "id")));
}

std::vector<std::string> extract_paragraphs(const xmlNode* root) {
    ParagraphBuilder builder;
    std::size_t link_depth = 0;
    walk(
        root,
        [&](const xmlNode* n) {
            switch (n->type) {
                case XML_TEXT_NODE:
                case XML_CDATA_SECTION_NODE:
                    builder.text(chars(n->content), link_depth > 0);
                    return false;
                case XML_ENTITY_REF_NODE:
                    builder.text(entity_text(n), link_depth > 0);
                    return false;
                case XML_ELEMENT_NODE: break;
                default: return false;  // comments, processing instructions
            }
            const std::string_view name = name_of(n);
            if (n != root && (dropped_by_tag(name) || dropped_by_marking(n))) {
                builder.soft_break();
                return false;
            }
            if (one_of(name, kBlockTags)) builder.end_paragraph();
            else if (name == "td" || name == "th" || name == "img") builder.soft_break();
            if (name == "a") ++link_depth;
            return true;
        },
        [&](const xmlNode* n) {
            const std::string_view name = name_of(n);
            if (one_of(name, kBlockTags)) builder.end_paragraph();
            else if (name == "td" || name == "th") builder.soft_break();
            if (name == "a" && link_depth > 0) --link_depth;
        });
    return builder.take();
}

std::string article_text(const std::vector<std::string>& paragraphs, std::string_view language, const std::vector<std::string>& titles) {
    std::vector<std::string_view> views(paragraphs.begin(), paragraphs.end());
    std::string lang(language);
    if (lang.empty()) {
        std::string all;
        for (const auto& p : paragraphs) (all += p) += '\n';
        if (const auto detected = core::detect_language(all)) lang = std::string(core::to_string(*detected));
    }
    KeptRange kept = trim_boilerplate(views, lang);
    auto is_title = [&](std::string_view p) {
        return std::any_of(titles.begin(), titles.end(), [&](const std::string& t) { return !t.empty() && collapse_whitespace(t) == p; });
    };
    while (kept.first < kept.last && is_title(views[kept.first])) ++kept.first;
    std::string text;
    for (std::size_t i = kept.first; i < kept.last; ++i) {
        if (!text.empty()) text += "\n\n";
        text += views[i];
    }
    return text;
}

}  // namespace incidentmap::sources::detail
