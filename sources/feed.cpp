// read_feed: an RSS or Atom feed to one Article per item (rules: sources/readers.hpp).
#include "sources/readers.hpp"

#include "sources/detail/dates.hpp"
#include "sources/detail/markup.hpp"

#include "core/error.hpp"
#include "core/utf8.hpp"

#include <libxml/parser.h>

#include <algorithm>
#include <limits>

namespace incidentmap::sources {

namespace {

using namespace detail;

constexpr std::string_view kAtomNs = "http://www.w3.org/2005/Atom";
constexpr std::string_view kRss1Ns = "http://purl.org/rss/1.0/";
constexpr std::string_view kContentNs = "http://purl.org/rss/1.0/modules/content/";
constexpr std::string_view kDublinCoreNs = "http://purl.org/dc/elements/1.1/";

struct XmlParserFree {
    void operator()(xmlParserCtxt* c) const { xmlFreeParserCtxt(c); }
};

std::string_view ns_of(const xmlNode* n) {
    return n->ns && n->ns->href ? std::string_view(reinterpret_cast<const char*>(n->ns->href)) : std::string_view();
}

// The first child element named `local` in namespace `ns` ("" : no namespace, or RSS 1.0's for RSS elements).
const xmlNode* child(const xmlNode* parent, std::string_view local, std::string_view ns) {
    for (const xmlNode* c = parent ? parent->children : nullptr; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE || name_of(c) != local) continue;
        const std::string_view cns = ns_of(c);
        if (cns == ns || (ns.empty() && cns == kRss1Ns)) return c;
    }
    return nullptr;
}

std::vector<const xmlNode*> children(const xmlNode* parent, std::string_view local, std::string_view ns) {
    std::vector<const xmlNode*> out;
    for (const xmlNode* c = parent ? parent->children : nullptr; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE && name_of(c) == local && (ns_of(c) == ns || (ns.empty() && ns_of(c) == kRss1Ns))) out.push_back(c);
    return out;
}

// The character data below `n` as written (CDATA included), without collapsing.
std::string raw_text(const xmlNode* n) {
    std::string out;
    if (!n) return out;
    walk(
        n,
        [&](const xmlNode* c) {
            if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
                if (c->content) out += reinterpret_cast<const char*>(c->content);
            } else if (c->type == XML_ENTITY_REF_NODE) {
                out += entity_text(c);
            }
            return c->type == XML_ELEMENT_NODE;
        },
        [](const xmlNode*) {});
    return out;
}

// Markup in a text: '<' before a letter, '/' or '!' ("<p>", "</b>", "<!--"). Structural, not a parse.
bool looks_like_html(std::string_view s) {
    for (std::size_t at = s.find('<'); at != std::string_view::npos && at + 1 < s.size(); at = s.find('<', at + 1)) {
        const char c = s[at + 1];
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '/' || c == '!') return true;
    }
    return false;
}

std::vector<std::string> plain_paragraphs(std::string_view s) {
    std::vector<std::string> out;
    std::string current;
    auto flush = [&] {
        std::string p = collapse_whitespace(current);
        if (!p.empty()) out.push_back(std::move(p));
        current.clear();
    };
    std::size_t at = 0;
    while (at <= s.size()) {
        const std::size_t nl = std::min(s.find('\n', at), s.size());
        const std::string_view line = s.substr(at, nl - at);
        if (line.find_first_not_of(" \t\r\f") == std::string_view::npos) flush();
        else (current += line) += ' ';
        at = nl + 1;
    }
    flush();
    return out;
}

std::vector<std::string> html_paragraphs(std::string_view html, const std::string& location) {
    const ParsedHtml parsed = parse_html(html, location, "UTF-8");
    const xmlNode* root = xmlDocGetRootElement(parsed.doc.get());
    const xmlNode* body = root;
    for (const xmlNode* c = root->children; c; c = c->next)
        if (is_element(c, "body")) body = c;
    return extract_paragraphs(body);
}

enum class Markup { text, html, xhtml };

// An Atom text construct's kind from its type attribute ("text" when absent).
Markup atom_markup(const xmlNode* n) {
    const std::string type = lower_ascii(collapse_whitespace(attribute(n, "type")));
    if (type == "html" || type == "text/html") return Markup::html;
    if (type == "xhtml" || type == "application/xhtml+xml") return Markup::xhtml;
    return Markup::text;
}

std::vector<std::string> paragraphs_of(const xmlNode* n, Markup markup, const std::string& location) {
    if (!n) return {};
    if (markup == Markup::xhtml) return extract_paragraphs(n);
    const std::string raw = raw_text(n);
    if (markup == Markup::html) return html_paragraphs(raw, location);
    return plain_paragraphs(raw);
}

std::string joined(const std::vector<std::string>& paragraphs) {
    std::string out;
    for (const auto& p : paragraphs) {
        if (!out.empty()) out += ' ';
        out += p;
    }
    return out;
}

struct FeedContext {
    std::string location, outlet, language;
    bool atom = false;
};

// One item or entry; nullopt with `problem` set when it is broken.
std::optional<Article> read_item(const xmlNode* item, std::size_t number, const FeedContext& feed, SourceRead& read) {
    const std::string where = "item " + std::to_string(number);
    Article a;
    std::vector<std::string> paragraphs;
    std::string date_text;
    if (feed.atom) {
        const xmlNode* title = child(item, "title", kAtomNs);
        a.title = collapse_whitespace(joined(paragraphs_of(title, atom_markup(title), feed.location)));
        for (const xmlNode* link : children(item, "link", kAtomNs)) {
            const std::string rel = collapse_whitespace(attribute(link, "rel"));
            if (a.location.empty() || rel.empty() || rel == "alternate") a.location = collapse_whitespace(attribute(link, "href"));
            if (rel.empty() || rel == "alternate") break;
        }
        const xmlNode* body = child(item, "content", kAtomNs);
        if (!body || collapse_whitespace(raw_text(body)).empty()) body = child(item, "summary", kAtomNs);
        paragraphs = paragraphs_of(body, atom_markup(body), feed.location);
        const xmlNode* date = child(item, "published", kAtomNs);
        if (!date) date = child(item, "updated", kAtomNs);
        date_text = collapse_whitespace(raw_text(date));
    } else {
        a.title = collapse_whitespace(raw_text(child(item, "title", "")));
        a.location = collapse_whitespace(raw_text(child(item, "link", "")));
        if (a.location.empty())
            if (const xmlNode* guid = child(item, "guid", ""); guid && lower_ascii(attribute(guid, "isPermaLink")) != "false") {
                const std::string g = collapse_whitespace(raw_text(guid));
                if (!host_of(g).empty()) a.location = g;
            }
        const xmlNode* body = child(item, "encoded", kContentNs);
        if (!body || collapse_whitespace(raw_text(body)).empty()) body = child(item, "description", "");
        const std::string raw = raw_text(body);
        paragraphs = looks_like_html(raw) ? html_paragraphs(raw, feed.location) : plain_paragraphs(raw);
        const xmlNode* date = child(item, "pubDate", "");
        if (!date) date = child(item, "date", kDublinCoreNs);
        date_text = collapse_whitespace(raw_text(date));
    }
    if (xmlChar* lang = xmlNodeGetLang(item)) {
        a.language = language_code(reinterpret_cast<const char*>(lang));
        xmlFree(lang);
    } else {
        a.language = feed.language;
    }
    a.text = article_text(paragraphs, a.language, {a.title});
    if (a.title.empty() && a.text.empty()) {
        read.problems.push_back({feed.location, where, "no title and no text: the item is skipped"});
        return std::nullopt;
    }
    if (!date_text.empty()) {
        a.published = parse_publication_day(date_text);
        if (!a.published)
            read.problems.push_back({feed.location, where, "publication date '" + date_text + "' cannot be read: the item is kept without a date"});
    }
    if (a.location.empty()) a.location = feed.location + "#item-" + std::to_string(number);
    a.outlet = feed.outlet.empty() ? host_of(a.location) : feed.outlet;
    for (std::string* s : {&a.location, &a.title, &a.outlet, &a.text}) core::make_valid_utf8(*s);
    return a;
}

}  // namespace

SourceRead read_feed(std::string_view bytes, const std::string& location) {
    init_libxml();
    if (bytes.size() > static_cast<std::size_t>(std::numeric_limits<int>::max())) throw core::InputError(location, "larger than 2 GB");
    std::unique_ptr<xmlParserCtxt, XmlParserFree> ctxt(xmlNewParserCtxt());
    if (!ctxt) throw core::Error(location + ": libxml2 could not start a parser");
    // No XML_PARSE_NOENT (entities stay references), no DTDLOAD: nothing outside the bytes is read.
    const XmlDoc doc(xmlCtxtReadMemory(ctxt.get(), bytes.data(), static_cast<int>(bytes.size()), nullptr, nullptr,
                                       XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING));
    if (!doc || !ctxt->wellFormed) {
        const xmlError* e = xmlCtxtGetLastError(ctxt.get());
        std::string what = e && e->message ? e->message : "not well-formed XML";
        while (!what.empty() && (what.back() == '\n' || what.back() == ' ')) what.pop_back();
        if (const auto at = what.find(" use XML_PARSE_HUGE option"); at != std::string::npos) what.replace(at, std::string::npos, " levels of nesting at most");
        core::make_valid_utf8(what);
        throw core::InputError(location, "not a readable feed: XML: " + what, e ? std::optional<std::string>("line " + std::to_string(e->line)) : std::nullopt);
    }
    const xmlNode* root = xmlDocGetRootElement(doc.get());
    if (!root) throw core::InputError(location, "not a readable feed: no root element");

    FeedContext feed{location, {}, {}, false};
    std::vector<const xmlNode*> items;
    const std::string_view root_name = name_of(root);
    if (root_name == "feed" && ns_of(root) == kAtomNs) {
        feed.atom = true;
        items = children(root, "entry", kAtomNs);
        const xmlNode* title = child(root, "title", kAtomNs);
        feed.outlet = collapse_whitespace(joined(paragraphs_of(title, atom_markup(title), location)));
    } else if (root_name == "rss" || root_name == "RDF") {
        const xmlNode* channel = child(root, "channel", "");
        items = children(channel, "item", "");
        if (root_name == "RDF") {
            const auto more = children(root, "item", "");  // RSS 1.0: items beside the channel
            items.insert(items.end(), more.begin(), more.end());
        }
        feed.outlet = collapse_whitespace(raw_text(child(channel, "title", "")));
        feed.language = language_code(raw_text(child(channel, "language", "")));
        if (feed.language.empty()) feed.language = language_code(raw_text(child(channel, "language", kDublinCoreNs)));
    } else {
        throw core::InputError(location, "not an RSS or Atom feed: the root element is <" + std::string(root_name) + ">");
    }
    core::make_valid_utf8(feed.outlet);

    SourceRead read;
    for (std::size_t i = 0; i < items.size(); ++i)
        if (auto a = read_item(items[i], i + 1, feed, read)) read.articles.push_back(std::move(*a));
    return read;
}

}  // namespace incidentmap::sources
