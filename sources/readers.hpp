#pragma once
// The readers that turn what an analyst saves (plain text, a saved web page, an RSS or Atom feed) into Articles
// (sources/article.hpp). One reader per kind of input, each returning the same Article.
//
// Plain text (read_text): bytes that are not UTF-8 become U+FFFD, a byte order mark is dropped, "\r\n" and "\r"
// become "\n"; paragraphs are the runs of non-blank lines, kept as written and joined by one blank line, so that
// offsets counted on a clean file stay true when nothing at its head is dropped. Then the boilerplate filter.
//
// The boilerplate filter (every reader): a paragraph is boilerplate when it has no letters ("*********"), or when it
// is short (under 60 words) and holds a cue phrase of assets/sources/boilerplate.tsv for the text's language (the
// declared one, else core::detect_language's) or for English. Only the runs of boilerplate paragraphs that reach the
// start or the end of the text are dropped: a news paragraph in the middle that mentions a newsletter stays. A short
// last paragraph of news that happens to hold a cue ("le soutien de Moscou") is dropped with the run: the price of a
// filter that needs no site-specific rule.
//
// HTML (read_html): libxml2's HTML parser, never network, never regular expressions; the encoding is the one the page
// declares (BOM, <meta charset>, http-equiv) as libxml2 detects it; the output is UTF-8.
//  - Title: og:title, else JSON-LD headline, else <title>, else the first <h1>; whitespace collapsed.
//  - Published: article:published_time, JSON-LD datePublished (objects, arrays and @graph; objects of an Article
//    type first), the first <time datetime> inside the article (its header included), meta date / pubdate /
//    DC.date.issued / itemprop=datePublished. ISO 8601 dates and date-times, the date as written; RFC 822 also read.
//  - Language: <html lang> or xml:lang (first subtag, lower case), else og:locale ("fr_FR").
//  - Outlet: og:site_name, application-name, JSON-LD publisher.name (following an @id into the @graph), else the
//    host of og:url, of <link rel="canonical">, or of the location when that is a URL.
//  - Text: the longest <article> (by text kept; nested ones count as part of the outermost), else <main>, else
//    [itemprop=articleBody], else <body>; a kind whose best candidate keeps under 20 words gives way to the next. Dropped: the subtrees of script, style, noscript, template,
//    nav, header, footer, aside, form, button, iframe, svg, figure, figcaption, select (and the like: object, video,
//    canvas, textarea...), of elements marked hidden or aria-hidden="true" or with a role of navigation, banner,
//    complementary, contentinfo, search, dialog or menu, and of any element whose class or id, split on '-', '_' and
//    blanks, has a segment among the boilerplate tokens (share, social, newsletter, subscribe, ad, ads, promo,
//    related, comments, cookie, consent, breadcrumb, menu, nav, footer, sidebar, donate, paywall, popup, modal,
//    banner...). Block
//    elements (p, div, h1-h6, li, blockquote, pre, section, article, tr, br...) end a paragraph; inline text is joined
//    with whitespace collapsed to single spaces. A paragraph more than half of whose characters are link text is
//    dropped, then the boilerplate filter runs, then a leading paragraph equal to the title or the first <h1> goes.
//    Fewer than 20 words left: InputError(location, "no article text: ...").
//  - A structural rule has its cost: a content wrapper whose class says "has-sidebar" is dropped whole. No rule
//    names a site.
//
// Feeds (read_feed): libxml2's XML parser, no network, no DTD loaded, no entity substitution (an internal entity
// whose text has no markup is read as that text; any other stays out), at most 256 levels of nesting (libxml2's
// limit). RSS 2.0 (and 0.9x/1.0) channel title, language, items with title, link (else a permalink guid),
// content:encoded else description, pubDate else dc:date; Atom 1.0 feed title, entries with title, the link
// rel="alternate" (else the first), content else summary (type text, html or xhtml), published else updated.
// RFC 822 dates ("Thu, 06 Jan 2022 10:00:00 +0000", no weekday, two-digit years, GMT, EST...) and ISO 8601 dates,
// the day as written. Item text that is HTML (escaped or CDATA, or Atom type="html"/"xhtml") goes through the same
// text extraction as a page, without the 20-word minimum. Outlet: the channel or feed title. Language: the
// xml:lang in force on the item, else the channel's <language> / dc:language. An item without a link is located as
// "FEED#item-N".
//
// Errors: read_html throws core::InputError(location, reason) when the bytes are not an article (empty, binary
// data, no text left); read_feed throws InputError when the input is not well-formed XML or not a feed. A broken
// feed item (neither title nor text) is a SourceProblem "item N" and skipped; an item whose date cannot be read is
// kept without a date and noted as a problem. read_source throws InputError naming the file when it is missing, a
// directory, unreadable or larger than max_bytes; a page that is not an article is a problem, not an exception.
// The first reader to run loads assets/sources/boilerplate.tsv (core/assets.hpp): InputError if it cannot.
//
// Cost: linear in the input (libxml2's parse, then a few walks over any node: the metadata, the date, and one per
// kind of candidate, the outermost candidates of a kind being disjoint); memory a few times the input (the parsed
// tree). libxml2 reads no deeper than 256 levels of nesting, pages and feeds alike: what lies deeper is not read (a
// page left without text then says so, a feed is refused); every walk here is iterative.
// Thread safety: calls share nothing mutable (libxml2 is initialised once, the cue list loaded once); different
// inputs may be read on different threads. The first call silences libxml2's generic error output for the process
// (sources/detail/markup.hpp): problems come back as values and InputErrors, never as lines on stderr.

#include "sources/article.hpp"

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>

namespace incidentmap::sources {

enum class SourceKind { text, html, feed };

// By content first: the first markup at the head of the bytes (after a byte order mark, blanks, an XML declaration,
// comments) being <rss> or <rdf:RDF> is a feed, <feed> with the Atom namespace is a feed, <!DOCTYPE html>, <html>,
// <head> or <body> is a page. Else by extension: .html .htm .xhtml a page, .rss .atom .xml a feed. Else text.
SourceKind sniff_kind(std::string_view bytes, const std::filesystem::path& path);

// Never throws on content (only if the embedded cue list cannot be loaded).
Article read_text(std::string_view bytes, const std::string& location);
// Throws core::InputError(location, ...) when the page is not an article.
Article read_html(std::string_view bytes, const std::string& location);
// Throws core::InputError(location, ...) when the feed cannot be parsed; broken items are problems.
SourceRead read_feed(std::string_view bytes, const std::string& location);

// Reads the file, sniffs its kind and dispatches. Throws core::InputError naming the file when it is missing, a
// directory, unreadable or larger than max_bytes, and whatever read_feed throws; read_html's InputError becomes the
// one SourceProblem of an empty SourceRead.
SourceRead read_source(const std::filesystem::path& path, std::size_t max_bytes);

}  // namespace incidentmap::sources
