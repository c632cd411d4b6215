// read_html: a saved web page to an Article (rules: sources/readers.hpp).
#include "sources/readers.hpp"

#include "sources/detail/boilerplate.hpp"
#include "sources/detail/dates.hpp"
#include "sources/detail/markup.hpp"

#include "core/error.hpp"
#include "core/language.hpp"
#include "core/utf8.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>

namespace incidentmap::sources {

namespace {

using namespace detail;

constexpr std::size_t kMinimumArticleWords = 20;

// Tags whose subtrees hold no metadata of the article either (its header does: dates, headline).
bool skipped_for_metadata(std::string_view name) {
    static constexpr auto tags = std::to_array<std::string_view>(
        {"nav", "aside", "footer", "form", "iframe", "template", "noscript", "svg", "select", "button", "dialog", "menu"});
    return std::find(tags.begin(), tags.end(), name) != tags.end();
}

bool has_token(std::string_view list, std::string_view token) {
    const std::string lower = lower_ascii(list);
    std::size_t at = 0;
    while (at < lower.size()) {
        const std::size_t end = std::min(lower.find_first_of(" \t\n\r\f", at), lower.size());
        if (std::string_view(lower).substr(at, end - at) == token) return true;
        at = end + 1;
    }
    return false;
}

// What one walk over the whole page finds.
struct PageFacts {
    std::map<std::string, std::string> meta;  // property / name / itemprop, lower case -> the first content
    std::string title_element, first_h1, canonical, itemprop_date;
    std::vector<std::string> json_ld;
    std::vector<const xmlNode*> articles, mains, article_bodies;  // outermost ones only
    const xmlNode* body = nullptr;
};

PageFacts scan_page(const xmlNode* root) {
    PageFacts facts;
    std::size_t in_article = 0, in_main = 0, in_body_prop = 0;
    walk(
        root,
        [&](const xmlNode* n) {
            if (n->type != XML_ELEMENT_NODE) return false;
            const std::string_view name = name_of(n);
            if (n != root && (skipped_for_metadata(name) || dropped_by_marking(n))) return false;
            if (name == "meta") {
                const std::string content = attribute(n, "content");
                for (const char* key : {"property", "name", "itemprop"}) {
                    if (!has_attribute(n, key)) continue;
                    facts.meta.try_emplace(lower_ascii(collapse_whitespace(attribute(n, key))), content);
                }
                return false;
            }
            if (name == "script") {
                const std::string type = lower_ascii(collapse_whitespace(attribute(n, "type")));
                if (type.rfind("application/ld+json", 0) == 0) {
                    std::string json;
                    for (const xmlNode* c = n->children; c; c = c->next)
                        if (c->content) json += reinterpret_cast<const char*>(c->content);
                    facts.json_ld.push_back(std::move(json));
                }
                return false;
            }
            if (name == "style") return false;
            if (name == "title" && facts.title_element.empty()) facts.title_element = text_of(n);
            if (name == "h1" && facts.first_h1.empty()) facts.first_h1 = text_of(n);
            if (name == "link" && facts.canonical.empty() && has_token(attribute(n, "rel"), "canonical")) facts.canonical = attribute(n, "href");
            if (name == "body" && !facts.body) facts.body = n;
            if (has_attribute(n, "itemprop")) {
                const std::string prop = attribute(n, "itemprop");
                if (has_token(prop, "datepublished") && facts.itemprop_date.empty())
                    facts.itemprop_date = has_attribute(n, "datetime") ? attribute(n, "datetime") : attribute(n, "content");
                if (has_token(prop, "articlebody")) {
                    if (in_body_prop == 0) facts.article_bodies.push_back(n);
                    ++in_body_prop;
                }
            }
            if (name == "article") {
                if (in_article == 0) facts.articles.push_back(n);
                ++in_article;
            }
            if (name == "main") {
                if (in_main == 0) facts.mains.push_back(n);
                ++in_main;
            }
            return true;
        },
        [&](const xmlNode* n) {
            const std::string_view name = name_of(n);
            if (name == "article") --in_article;
            if (name == "main") --in_main;
            if (has_attribute(n, "itemprop") && has_token(attribute(n, "itemprop"), "articlebody")) --in_body_prop;
        });
    return facts;
}

// ---------------------------------------------------------------- JSON-LD

struct JsonLdFacts {
    std::string headline, date_published, publisher;
};

bool is_article_type(const nlohmann::json& object) {
    auto article = [](const nlohmann::json& t) {
        if (!t.is_string()) return false;
        const auto& s = t.get_ref<const std::string&>();
        return (s.size() >= 7 && s.compare(s.size() - 7, 7, "Article") == 0) || s == "BlogPosting" || s == "LiveBlogPosting" ||
               s == "Report";
    };
    const auto it = object.find("@type");
    if (it == object.end()) return false;
    if (it->is_array()) return std::any_of(it->begin(), it->end(), article);
    return article(*it);
}

std::string string_member(const nlohmann::json& object, const char* key) {
    const auto it = object.find(key);
    return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

JsonLdFacts read_json_ld(const std::vector<std::string>& scripts) {
    // Every object of every block, in document order (explicit stack: no recursion).
    std::vector<nlohmann::json> blocks;
    for (const auto& s : scripts) {
        try {
            nlohmann::json j = nlohmann::json::parse(s, nullptr, false);
            if (!j.is_discarded()) blocks.push_back(std::move(j));
        } catch (const nlohmann::json::exception&) {  // a number too large for a double: the block is ignored
        }
    }
    std::vector<const nlohmann::json*> objects;
    for (const auto& b : blocks) {
        std::vector<const nlohmann::json*> stack{&b};
        while (!stack.empty()) {
            const nlohmann::json* v = stack.back();
            stack.pop_back();
            if (v->is_object()) objects.push_back(v);
            if (v->is_structured()) {
                std::vector<const nlohmann::json*> children;
                for (const auto& c : *v) children.push_back(&c);
                stack.insert(stack.end(), children.rbegin(), children.rend());
            }
        }
    }
    auto publisher_name = [&](const nlohmann::json& p) -> std::string {
        const nlohmann::json* v = &p;
        if (v->is_array() && !v->empty()) v = &v->front();
        if (v->is_string()) return v->get<std::string>();
        if (!v->is_object()) return {};
        if (auto name = string_member(*v, "name"); !name.empty()) return name;
        const std::string id = string_member(*v, "@id");
        if (id.empty()) return {};
        for (const auto* o : objects)
            if (string_member(*o, "@id") == id)
                if (auto name = string_member(*o, "name"); !name.empty()) return name;
        return {};
    };
    JsonLdFacts facts;
    for (const bool articles_only : {true, false}) {
        for (const auto* o : objects) {
            if (articles_only && !is_article_type(*o)) continue;
            if (facts.headline.empty()) facts.headline = string_member(*o, "headline");
            if (facts.date_published.empty()) facts.date_published = string_member(*o, "datePublished");
            if (facts.publisher.empty())
                if (const auto it = o->find("publisher"); it != o->end()) facts.publisher = publisher_name(*it);
        }
    }
    return facts;
}

// ---------------------------------------------------------------- the rest

// The first <time datetime> inside `root`, its header included (unless the root is the whole body, whose header
// is the site's).
std::string first_time_datetime(const xmlNode* root, bool root_is_body) {
    std::string found;
    walk(
        root,
        [&](const xmlNode* n) {
            if (!found.empty() || n->type != XML_ELEMENT_NODE) return false;
            const std::string_view name = name_of(n);
            if (n != root && (skipped_for_metadata(name) || dropped_by_marking(n) || (root_is_body && name == "header"))) return false;
            if (name == "time" && has_attribute(n, "datetime")) {
                found = attribute(n, "datetime");
                return false;
            }
            return true;
        },
        [](const xmlNode*) {});
    return found;
}

std::string first_nonempty(std::initializer_list<std::string> values) {
    for (const auto& v : values)
        if (!v.empty()) return v;
    return {};
}

bool looks_binary(std::string_view bytes) {
    if (bytes.size() >= 2 && ((bytes[0] == '\xFF' && bytes[1] == '\xFE') || (bytes[0] == '\xFE' && bytes[1] == '\xFF'))) return false;  // UTF-16
    return bytes.substr(0, 64 * 1024).find('\0') != std::string_view::npos;
}

}  // namespace

Article read_html(std::string_view bytes, const std::string& location) {
    if (bytes.find_first_not_of(" \t\r\n\f") == std::string_view::npos) throw core::InputError(location, "no article text: the file is empty");
    if (looks_binary(bytes)) throw core::InputError(location, "no article text: binary data, not an HTML page");
    const ParsedHtml parsed = parse_html(bytes, location, nullptr);
    const xmlNode* root = xmlDocGetRootElement(parsed.doc.get());
    const PageFacts page = scan_page(root);
    const JsonLdFacts ld = read_json_ld(page.json_ld);
    auto meta = [&](const char* key) {
        const auto it = page.meta.find(key);
        return it == page.meta.end() ? std::string() : collapse_whitespace(it->second);
    };

    Article a;
    a.location = location;
    a.title = first_nonempty({meta("og:title"), collapse_whitespace(ld.headline), page.title_element, page.first_h1});
    a.outlet = first_nonempty({meta("og:site_name"), meta("application-name"), collapse_whitespace(ld.publisher), host_of(meta("og:url")),
                               host_of(page.canonical), host_of(location)});
    const bool says_lang = has_attribute(root, "lang") || has_attribute(root, "xml:lang");
    if (says_lang) a.language = language_code(has_attribute(root, "lang") ? attribute(root, "lang") : attribute(root, "xml:lang"));
    else a.language = language_code(meta("og:locale"));

    // The text: the best candidate of the first kind that gives an article.
    const std::vector<std::string> titles{a.title, page.title_element, page.first_h1, meta("og:title")};
    const std::vector<const xmlNode*> fallback{page.body ? page.body : root};
    const xmlNode* chosen = nullptr;
    std::size_t best_words = 0;
    for (const auto* tier : {&page.articles, &page.mains, &page.article_bodies, &fallback}) {
        const xmlNode* tier_best = nullptr;
        std::string tier_text;
        for (const xmlNode* candidate : *tier) {
            std::string text = article_text(extract_paragraphs(candidate), a.language, titles);
            if (!tier_best || text.size() > tier_text.size()) tier_best = candidate, tier_text = std::move(text);
        }
        if (!tier_best) continue;
        const std::size_t words = word_count(tier_text);
        best_words = std::max(best_words, words);
        if (words >= kMinimumArticleWords) {
            chosen = tier_best;
            a.text = std::move(tier_text);
            break;
        }
    }
    if (!chosen)
        throw core::InputError(location, "no article text: " + std::to_string(best_words) + " words outside menus, links and boilerplate (" +
                                             std::to_string(kMinimumArticleWords) + " at least)" +
                                             (parsed.too_deep ? "; the page is nested deeper than 256 levels, and libxml2 reads no deeper" : ""));

    for (const std::string& when : {meta("article:published_time"), ld.date_published,
                                    first_time_datetime(chosen, chosen == page.body || chosen == root), meta("date"), meta("pubdate"),
                                    meta("dc.date.issued"), meta("datepublished"), page.itemprop_date}) {
        if (when.empty()) continue;
        if ((a.published = parse_publication_day(when))) break;
    }
    for (std::string* s : {&a.location, &a.title, &a.outlet, &a.text}) core::make_valid_utf8(*s);
    return a;
}

}  // namespace incidentmap::sources
