#pragma once
// libxml2 for sources/: RAII for its documents, the HTML parse every reader shares, and the text extraction of
// sources/readers.hpp (what is dropped, what ends a paragraph, link-heavy paragraphs) over any libxml2 tree, HTML
// or XML (an Atom entry's XHTML content is walked as it is, without serialising it).
//
// Guarantees: no network (HTML_PARSE_NONET), no error output (NOERROR, NOWARNING, the generic handler silenced),
// recovery from broken markup; every walk is iterative (no recursion, whatever the nesting); text is UTF-8 as libxml2
// converts it from the declared encoding (falling back to Latin-1 for bytes that are not UTF-8 when none is
// declared); the readers still pass what they return through core::make_valid_utf8.
// An entity reference node (XML only) is read as its entity's text when that has no markup, else skipped: the tree
// below a reference is never walked, so that a billion laughs costs nothing.

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace incidentmap::sources::detail {

// Initialises libxml2 once, thread-safely; every entry point of sources/ calls it before any other libxml2 call.
// It also silences libxml2's generic error handler (process-wide, every thread): libxml2 would otherwise print some
// errors, a failed encoding conversion, to stderr, although every parse here asks for no error output.
void init_libxml();

struct XmlDocFree {
    void operator()(xmlDoc* d) const { xmlFreeDoc(d); }
};
using XmlDoc = std::unique_ptr<xmlDoc, XmlDocFree>;

// htmlReadMemory with HTML_PARSE_RECOVER | NONET | NOERROR | NOWARNING. `encoding` null: as the document
// declares it. libxml2 stops reading at 256 levels of nesting (without HTML_PARSE_HUGE, which is never set): what
// lies deeper is not in the tree, and `too_deep` says so. Throws core::InputError(location, ...) when libxml2 gives no
// document or the input is over 2 GB.
struct ParsedHtml {
    XmlDoc doc;
    bool too_deep = false;
};
ParsedHtml parse_html(std::string_view bytes, const std::string& location, const char* encoding);

// The element's name (local name for XML), "" for other nodes.
std::string_view name_of(const xmlNode* n);
bool is_element(const xmlNode* n, std::string_view name);
// The attribute's value as text ("" when absent); `name` as the parser wrote it ("lang", "xml:lang" in HTML).
std::string attribute(const xmlNode* n, std::string_view name);
bool has_attribute(const xmlNode* n, std::string_view name);
std::string lower_ascii(std::string_view s);

// The host of a URL ("https://www.example.org:8080/a" -> "www.example.org"), lower case; "" when `url` has no "://".
std::string host_of(std::string_view url);
// A language tag as pages and feeds write it ("fr-FR", "fr_FR", " FR") to "fr", "en" or "ru"; "" for another.
std::string language_code(std::string_view tag);

// The text of an XML entity reference node when its entity's text has no markup ("" otherwise, or when unknown).
std::string_view entity_text(const xmlNode* ref);

// All the text below `n`, whitespace collapsed to single blanks, trimmed.
std::string text_of(const xmlNode* n);
std::string collapse_whitespace(std::string_view s);

// Elements whose subtree is never article text: by tag (script, nav, header, footer, aside, form, figure...) or by
// marking (hidden, aria-hidden, a landmark role, a boilerplate token in class or id).
bool dropped_by_tag(std::string_view name);
bool dropped_by_marking(const xmlNode* n);

// Calls enter(node) on each node of the subtree of `root` in document order, root included; when it returns true
// the node's children are visited and then leave(node) is called. No recursion; the children of an entity
// reference node are never visited.
template <typename Enter, typename Leave>
void walk(const xmlNode* root, Enter&& enter, Leave&& leave) {
    const xmlNode* n = root;
    while (true) {
        const bool down = enter(n) && n->type != XML_ENTITY_REF_NODE;  // a reference's subtree is the entity's
        if (down && n->children) {
            n = n->children;
            continue;
        }
        if (down) leave(n);
        while (true) {
            if (n == root) return;
            if (n->next) {
                n = n->next;
                break;
            }
            n = n->parent;
            leave(n);
        }
    }
}

// The paragraphs of the subtree of `root` (not itself checked for dropping), without the dropped subtrees and
// without those more than half of whose characters are link text; each whitespace-collapsed, none empty.
std::vector<std::string> extract_paragraphs(const xmlNode* root);

// The Article text from extracted paragraphs: the boilerplate filter (language declared, else detected), then
// leading paragraphs equal to one of `titles` dropped; joined by "\n\n".
std::string article_text(const std::vector<std::string>& paragraphs, std::string_view language, const std::vector<std::string>& titles);

}  // namespace incidentmap::sources::detail
