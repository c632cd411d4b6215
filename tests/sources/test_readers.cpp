#include "sources/detail/boilerplate.hpp"
#include "sources/detail/dates.hpp"
#include "sources/readers.hpp"

#include "core/error.hpp"

#include "../skip.hpp"
#include "../temp_dir.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>

using namespace incidentmap;
using namespace incidentmap::sources;
using namespace std::chrono;
using incidentmap::test::TempDir;

namespace {

std::string slurp(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

void spit(const std::filesystem::path& p, const std::string& bytes) { std::ofstream(p, std::ios::binary) << bytes; }

// UTF-8 (ASCII and Russian letters only) to windows-1251, as a Russian site of the 2000s still serves its pages.
std::string to_windows_1251(std::string_view utf8) {
    std::string out;
    for (std::size_t i = 0; i < utf8.size();) {
        const auto c = static_cast<unsigned char>(utf8[i]);
        if (c < 0x80) {
            out += static_cast<char>(c);
            ++i;
            continue;
        }
        REQUIRE((c & 0xE0) == 0xC0);
        const unsigned cp = (c & 0x1Fu) << 6 | (static_cast<unsigned char>(utf8[i + 1]) & 0x3Fu);
        i += 2;
        if (cp >= 0x410 && cp <= 0x44F) out += static_cast<char>(0xC0 + (cp - 0x410));
        else if (cp == 0x401) out += '\xA8';
        else if (cp == 0x451) out += '\xB8';
        else FAIL("no windows-1251 byte for U+" << std::hex << cp);
    }
    return out;
}

template <typename F>
core::InputError input_error_of(F&& f) {
    try {
        f();
    } catch (const core::InputError& e) {
        return e;
    }
    FAIL("no InputError thrown");
    throw std::logic_error("unreachable");
}

// ---------------------------------------------------------------- pages written for these tests

// French: menus, breadcrumb, cookie banner, share buttons, advertising, a newsletter box, a related list, comments,
// a site footer; dated by article:published_time (the <time> in the article says otherwise and must lose).
const std::string kFrenchPage = R"(<!DOCTYPE html>
<html lang="fr-FR">
<head>
<meta charset="utf-8">
<title>Almaty : tirs nourris dans le centre-ville | Le Quotidien</title>
<meta property="og:title" content="Almaty : tirs nourris dans le centre-ville">
<meta property="og:site_name" content="Le Quotidien">
<meta property="article:published_time" content="2022-01-06T14:05:00+06:00">
<script>var teaser = "<p>Ceci n'est pas du texte</p>";</script>
<style>p { color: #333 }</style>
</head>
<body>
<div id="cookie-banner">Nous utilisons des cookies pour améliorer votre expérience de lecture sur notre site. <button>Accepter</button></div>
<header class="site-header"><nav><ul><li><a href="/">Accueil</a></li><li><a href="/monde">Monde</a></li><li><a href="/sport">Sport</a></li></ul></nav></header>
<div class="breadcrumb"><a href="/">Accueil</a> &gt; <a href="/monde">Monde</a> &gt; Asie</div>
<main>
<article>
<header><h1>Almaty : tirs nourris dans le centre-ville</h1><time datetime="2022-01-07">7 janvier 2022</time></header>
<div class="share-buttons"><a href="#">Partager sur Facebook</a> <a href="#">Twitter</a></div>
<p>Des tirs nourris ont été entendus jeudi dans le centre d'Almaty, près du bâtiment de l'administration locale incendié la veille par des manifestants.</p>
<p>La police affirme avoir repoussé une <b>attaque</b> contre son quartier
   général, faisant plusieurs morts parmi les <a href="/assaillants">assaillants</a>.</p>
<div class="ad-slot">Publicité : découvrez nos offres d'abonnement pour seulement un euro par mois</div>
<p>Le ministère de l'Intérieur, qui publie chaque soir une newsletter sur la crise, annonce que près de 2 300 personnes ont été arrêtées à travers le pays.</p>
<aside class="newsletter-box"><h2>Notre newsletter</h2><form><input type="email"><button>S'inscrire</button></form></aside>
<p>Quelque 18 policiers et militaires ont été tués et 748 autres blessés, a précisé le ministère.</p>
<p>Partagez cet article avec vos amis !</p>
<section class="related-articles"><h2>À lire aussi</h2><ul><li><a href="/k">Kazakhstan : le gouvernement démissionne après des manifestations</a></li></ul></section>
</article>
<section id="comments"><h2>Commentaires</h2><div class="comment"><p>Quelle horreur, je suis vraiment choqué par ces images terribles venues du Kazakhstan, pensées aux familles.</p></div></section>
</main>
<footer><p>© 2022 Le Quotidien. Tous droits réservés. Mentions légales, contact, plan du site et conditions.</p></footer>
</body>
</html>
)";

const std::string kFrenchText =
    "Des tirs nourris ont été entendus jeudi dans le centre d'Almaty, près du bâtiment de l'administration locale incendié "
    "la veille par des manifestants.\n\n"
    "La police affirme avoir repoussé une attaque contre son quartier général, faisant plusieurs morts parmi les "
    "assaillants.\n\n"
    "Le ministère de l'Intérieur, qui publie chaque soir une newsletter sur la crise, annonce que près de 2 300 personnes "
    "ont été arrêtées à travers le pays.\n\n"
    "Quelque 18 policiers et militaires ont été tués et 748 autres blessés, a précisé le ministère.";

// English: dated and titled by JSON-LD in an @graph whose WebPage (not an article) has another date; the publisher
// is an @id into the graph. The text is in [itemprop=articleBody] (no <article>, no <main>).
const std::string kEnglishPage = R"(<!doctype html>
<html lang="en-GB">
<head>
<title>Police fire tear gas - Harbour Daily</title>
<script type="application/ld+json">
{"@context": "https://schema.org", "@graph": [
  {"@type": "Organization", "@id": "https://harbour.example/#org", "name": "Harbour Daily"},
  {"@type": "WebPage", "@id": "https://harbour.example/a/1", "datePublished": "2019-01-01"},
  {"@type": ["NewsArticle"], "headline": "Police fire tear gas at protesters outside legislature",
   "datePublished": "2019-06-12T23:30:00-04:00", "publisher": {"@id": "https://harbour.example/#org"}}
]}
</script>
<script type="application/ld+json">{ this is not JSON </script>
</head>
<body>
<div class="site-menu"><a href="/">Home</a> <a href="/world">World</a> <a href="/asia">Asia</a></div>
<div role="navigation"><a href="/a">Politics</a> | <a href="/b">Business</a></div>
<div class="consent-popup"><p>We value your privacy. We and our partners use cookies to personalise content and ads.</p></div>
<div itemprop="articleBody">
<p>Riot police fired <a href="/tear-gas">tear gas</a>, rubber bullets and <em>bean bag</em> rounds on Wednesday to disperse tens of thousands of protesters.</p>
<p>Read more: <a href="/x">Hong Kong leader vows to press ahead with extradition bill despite protests</a></p>
<figure><img src="p.jpg" alt="Protesters"><figcaption>Protesters near the Legislative Council complex on Wednesday.</figcaption></figure>
<ul class="social-links"><li>Facebook</li><li>Twitter</li><li>Email</li></ul>
<p>The Hospital Authority said 81 people were injured.<br>Eleven people were arrested.</p>
<iframe src="https://ads.example/slot"></iframe>
<table><tr><td>Injured</td><td>81</td></tr></table>
<p>Sign up for our newsletter to get the latest news every morning.</p>
<div class="newsletter-signup"><h3>Morning Briefing</h3><p>The news you need to start your day, delivered to your inbox every morning.</p></div>
<aside class="related"><h3>More on this story</h3><p>Hong Kong's leader says the extradition bill will go ahead despite the protests.</p></aside>
<ol class="comment-list"><li>What a disgrace, the police should be ashamed of themselves for this.</li></ol>
</div>
<div class="advertisement">Advertisement: buy the best watches in town at half price today only</div>
</body>
</html>
)";

const std::string kEnglishText =
    "Riot police fired tear gas, rubber bullets and bean bag rounds on Wednesday to disperse tens of thousands of "
    "protesters.\n\n"
    "The Hospital Authority said 81 people were injured.\n\n"
    "Eleven people were arrested.\n\n"
    "Injured 81";

// Russian: dated by the first <time datetime> inside the article (its header), nothing else dates it.
const std::string kRussianParagraphs[] = {
    "Вчера вечером шествие оппозиции в Москве закончилось столкновениями с полицией у Малого Каменного моста.",
    "Демонстранты прорвали оцепление, в сотрудников ОМОНа полетели бутылки и куски асфальта.",
    "По данным полиции, задержаны более четырехсот человек, пострадали двадцать девять полицейских.",
};

std::string russian_page(const std::string& head_extra) {
    return "<html lang=\"ru\"><head>" + head_extra +
           "<title>Столкновения на Болотной площади</title></head><body>"
           "<div class=\"cookie-notice\">Мы используем файлы cookie, чтобы сайт работал лучше. <button>Понятно</button></div>"
           "<div id=\"ad-top\">Реклама: лучшие цены на телевизоры только сегодня и только у нас</div>"
           "<ul class=\"menu\"><li><a href=\"/\">Главная</a></li><li><a href=\"/news\">Новости</a></li></ul>"
           "<article><header><h1>Столкновения на Болотной площади</h1>"
           "<time datetime=\"2012-05-07T09:00:00+04:00\">7 мая 2012</time></header>"
           "<div class=\"share\">Поделиться</div>"
           "<p>" + kRussianParagraphs[0] + "</p><p>" + kRussianParagraphs[1] + "</p><p>" + kRussianParagraphs[2] + "</p>"
           "<p>Подписывайтесь на наш канал!</p>"
           "<div class=\"subscribe-form\">Подпишитесь на рассылку новостей</div>"
           "</article>"
           "<div class=\"related\"><a href=\"/1\">Другие новости дня</a></div>"
           "<div class=\"comments\"><p>Ужасно, просто ужасно, что творится в нашей стране в последние годы.</p></div>"
           "</body></html>";
}

const std::string kRussianText = kRussianParagraphs[0] + "\n\n" + kRussianParagraphs[1] + "\n\n" + kRussianParagraphs[2];

const std::string kNavigationOnlyPage = R"(<!DOCTYPE html><html lang="fr"><head><title>Rubriques</title></head><body>
<ul><li><a href="/politique">Politique</a></li><li><a href="/economie">Économie</a></li><li><a href="/culture">Culture</a></li>
<li><a href="/sport">Sport</a></li><li><a href="/sciences">Sciences et techniques</a></li><li><a href="/monde">Le monde entier</a></li></ul>
<div><a href="/a">Les dernières nouvelles de la semaine en images</a> <a href="/b">Tous nos dossiers sur les élections régionales</a>
<a href="/c">Archives du journal depuis sa fondation en 1944</a></div></body></html>)";

const std::string kRss = R"(<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>Le Quotidien – International</title>
  <link>https://quotidien.example/</link>
  <language>fr-fr</language>
  <item>
    <title>Almaty : tirs nourris</title>
    <link>https://quotidien.example/almaty</link>
    <description>Résumé court.</description>
    <content:encoded><![CDATA[<p>Des tirs nourris ont été entendus <a href="/j">jeudi</a> dans le centre.</p><div class="share">Partager</div><p>La police a repoussé une attaque.</p><p>Abonnez-vous à notre newsletter !</p>]]></content:encoded>
    <pubDate>Thu, 06 Jan 2022 10:00:00 +0000</pubDate>
  </item>
  <item>
    <description>   </description>
    <pubDate>Thu, 06 Jan 2022 11:00:00 +0000</pubDate>
  </item>
  <item>
    <title>Moscou : 400 interpellations</title>
    <guid isPermaLink="true">https://quotidien.example/moscou</guid>
    <description>&lt;p&gt;Plus de 400 personnes ont été interpellées.&lt;/p&gt;&lt;p&gt;Selon la police, 29 agents ont été blessés.&lt;/p&gt;</description>
    <pubDate>7 May 12 20:00 EST</pubDate>
  </item>
</channel>
</rss>
)";

const std::string kAtom = R"(<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
  <title>Harbour Daily</title>
  <entry>
    <title>Police fire tear gas</title>
    <link rel="self" href="https://harbour.example/feed/1"/>
    <link rel="alternate" type="text/html" href="https://harbour.example/a/1"/>
    <published>2019-06-12T23:30:00-04:00</published>
    <updated>2019-06-13T08:00:00Z</updated>
    <summary>Short summary.</summary>
    <content type="html">&lt;p&gt;Riot police fired tear gas on &lt;b&gt;Wednesday&lt;/b&gt;.&lt;/p&gt;&lt;aside&gt;Related: other news&lt;/aside&gt;&lt;p&gt;81 people were injured.&lt;/p&gt;</content>
  </entry>
  <entry xml:lang="fr">
    <title type="html">Journ&amp;eacute;e &lt;em&gt;sanglante&lt;/em&gt;</title>
    <link href="https://harbour.example/a/2"/>
    <updated>2014-02-20T10:00:00+02:00</updated>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Des tireurs ont ouvert le feu.</p><p>Au moins <b>77</b> morts.</p></div></content>
  </entry>
  <entry>
    <title>Only a title</title>
    <id>urn:uuid:1</id>
  </entry>
</feed>
)";

}  // namespace

// ---------------------------------------------------------------- kinds

TEST_CASE("sniff_kind reads the content first, then the extension") {
    SECTION("by content") {
        CHECK(sniff_kind("<?xml version=\"1.0\"?>\n<!-- a feed -->\n<rss version=\"2.0\"><channel/></rss>", "saved.txt") == SourceKind::feed);
        CHECK(sniff_kind("<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>x</title></feed>", "saved.txt") == SourceKind::feed);
        CHECK(sniff_kind("<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">", "x") == SourceKind::feed);
        CHECK(sniff_kind("\xEF\xBB\xBF  <!DOCTYPE html>\n<html><body></body></html>", "page.xml") == SourceKind::html);
        CHECK(sniff_kind("<HTML><BODY>x</BODY></HTML>", "page.rss") == SourceKind::html);
        CHECK(sniff_kind("<!DOCTYPE rss PUBLIC \"-//Netscape Communications//DTD RSS 0.91//EN\" \"x\"><rss version=\"0.91\">", "a") ==
              SourceKind::feed);
    }
    SECTION("a <feed> without the Atom namespace is not told by content") {
        CHECK(sniff_kind("<feed><title>x</title></feed>", "notes.txt") == SourceKind::text);
    }
    SECTION("by extension, any case") {
        CHECK(sniff_kind("Bonjour", "page.html") == SourceKind::html);
        CHECK(sniff_kind("Bonjour", "page.HTM") == SourceKind::html);
        CHECK(sniff_kind("Bonjour", "page.xhtml") == SourceKind::html);
        CHECK(sniff_kind("Bonjour", "news.rss") == SourceKind::feed);
        CHECK(sniff_kind("Bonjour", "news.atom") == SourceKind::feed);
        CHECK(sniff_kind("Bonjour", "news.XML") == SourceKind::feed);
    }
    SECTION("else text") {
        CHECK(sniff_kind("Bonjour", "article.txt") == SourceKind::text);
        CHECK(sniff_kind("a < b and <3", "article") == SourceKind::text);
        CHECK(sniff_kind("", "") == SourceKind::text);
    }
}

// ---------------------------------------------------------------- text

TEST_CASE("read_text repairs bytes, drops the byte order mark and reads CRLF and CR as LF") {
    const Article a = read_text("\xEF\xBB\xBFPremier paragraphe.\r\nSuite.\r\n\r\n \t\r\n\r\nDeuxi\xC3\xA8me \xFF paragraphe.\rFin.\n\n", "a.txt");
    CHECK(a.location == "a.txt");
    CHECK(a.text == "Premier paragraphe.\nSuite.\n\nDeuxième \xEF\xBF\xBD paragraphe.\nFin.");
    CHECK(a.title.empty());
    CHECK(a.outlet.empty());
    CHECK(a.language.empty());  // a text file does not say
    CHECK_FALSE(a.published);
}

TEST_CASE("read_text drops the calls to action at either end, not those in the middle") {
    SECTION("English") {
        const std::string middle =
            "The ministry, which sends a newsletter to journalists every evening, said 81 people had been injured in the clashes.";
        const Article a = read_text("Share this article\n\nPolice fired tear gas at protesters outside the legislature on Wednesday.\n\n" +
                                        middle + "\n\nEleven people were arrested.\n\n*********\n\nSupport us: donate today.\n\n"
                                                 "Sign up for our free newsletter!\n",
                                    "a.txt");
        CHECK(a.text == "Police fired tear gas at protesters outside the legislature on Wednesday.\n\n" + middle +
                            "\n\nEleven people were arrested.");
    }
    SECTION("Russian, with a cue that is a prefix (рассылк*)") {
        const Article a = read_text("Полиция задержала более четырехсот человек после столкновений на площади.\n\n"
                                    "Подпишитесь на нашу рассылку.\n\nПоделитесь этой новостью с друзьями\n",
                                    "ru.txt");
        CHECK(a.text == "Полиция задержала более четырехсот человек после столкновений на площади.");
    }
    SECTION("a long paragraph with a cue is reporting, even at the end") {
        std::string long_one = "Le gouvernement a annoncé son soutien aux forces de l'ordre";
        for (int i = 0; i < 12; ++i) long_one += ", et les manifestants ont répondu";
        long_one += ".";
        const Article a = read_text("Des heurts ont éclaté samedi à Paris.\n\n" + long_one + "\n", "fr.txt");
        CHECK(a.text == "Des heurts ont éclaté samedi à Paris.\n\n" + long_one);
    }
}

TEST_CASE("read_text of the Almaty article keeps every news paragraph and none of its trailing appeals") {
    const std::filesystem::path file = std::filesystem::path(INCIDENTMAP_SHARED_DIR) / "data/articles/almaty-2022-01-06.fr.txt";
    if (!std::filesystem::exists(file)) INCIDENTMAP_SKIP("no shared data at " << file);
    const std::string raw = slurp(file);
    const Article a = read_text(raw, file.string());
    const std::string last = "Quelque 18 policiers et militaires ont été tués et 748 autres blessés.";
    REQUIRE(a.text.size() >= last.size());
    CHECK(a.text.compare(a.text.size() - last.size(), last.size(), last) == 0);
    for (const char* gone : {"Vous pouvez partager", "Partagez-le", "*****", "article original", "Votre soutien", "newsletter",
                             "Nous avons besoin de financements", "annonceurs"})
        CHECK(a.text.find(gone) == std::string::npos);
    // Every news paragraph stays, as written: the text is the file up to the end of that last paragraph.
    const std::size_t end = raw.find(last);
    REQUIRE(end != std::string::npos);
    CHECK(a.text == raw.substr(0, end + last.size()));
}

// ---------------------------------------------------------------- pages

TEST_CASE("read_html takes a French news page without its menus, share buttons, newsletter box, banners and comments") {
    const Article a = read_html(kFrenchPage, "saved/almaty.html");
    CHECK(a.location == "saved/almaty.html");
    CHECK(a.title == "Almaty : tirs nourris dans le centre-ville");  // og:title, not <title>
    CHECK(a.outlet == "Le Quotidien");
    CHECK(a.language == "fr");
    REQUIRE(a.published);
    CHECK(*a.published == 2022y / January / 6);  // article:published_time, the day as written (+06:00)
    CHECK(a.text == kFrenchText);
}

TEST_CASE("read_html takes an English page dated and titled by JSON-LD in an @graph") {
    const Article a = read_html(kEnglishPage, "https://harbour.example/a/1");
    CHECK(a.title == "Police fire tear gas at protesters outside legislature");  // JSON-LD headline before <title>
    CHECK(a.outlet == "Harbour Daily");                                          // publisher through its @id
    CHECK(a.language == "en");
    REQUIRE(a.published);
    CHECK(*a.published == 2019y / June / 12);  // the NewsArticle's, not the WebPage's; the day in New York's zone
    CHECK(a.text == kEnglishText);
}

TEST_CASE("read_html takes a Russian page dated by the time element of its article") {
    const Article a = read_html(russian_page("<meta charset=\"utf-8\">"), "bolotnaya.html");
    CHECK(a.title == "Столкновения на Болотной площади");
    CHECK(a.language == "ru");
    CHECK(a.outlet.empty());  // no site name and a location that is not a URL
    REQUIRE(a.published);
    CHECK(*a.published == 2012y / May / 7);
    CHECK(a.text == kRussianText);
}

TEST_CASE("read_html reads a windows-1251 page by its meta charset and gives UTF-8") {
    SECTION("meta charset") {
        const Article a = read_html(to_windows_1251(russian_page("<meta charset=\"windows-1251\">")), "cp1251.html");
        CHECK(a.title == "Столкновения на Болотной площади");
        CHECK(a.text == kRussianText);
    }
    SECTION("meta http-equiv") {
        const Article a = read_html(to_windows_1251(russian_page("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1251\">")),
                                    "cp1251.html");
        CHECK(a.text == kRussianText);
    }
}

TEST_CASE("read_html falls back through the metadata routes") {
    const std::string body = "<p>Des heurts d'une rare violence ont opposé samedi des manifestants aux forces de l'ordre autour de "
                             "l'Arc de Triomphe et dans les rues voisines des Champs-Élysées.</p>";
    SECTION("meta name=date, <title>, og:locale, the canonical link's host") {
        const Article a = read_html("<html><head><title>  Scènes d'émeutes\n à Paris </title><meta name=\"date\" content=\"2018-12-02\">"
                                    "<meta property=\"og:locale\" content=\"fr_FR\"><link rel=\"canonical\" href=\"https://www.gazette.example/paris\">"
                                    "</head><body>" + body + "</body></html>",
                                    "paris.html");
        CHECK(a.title == "Scènes d'émeutes à Paris");
        CHECK(a.language == "fr");
        CHECK(a.outlet == "www.gazette.example");
        REQUIRE(a.published);
        CHECK(*a.published == 2018y / December / 2);
    }
    SECTION("the first <h1>, DC.date.issued, application-name; a leading paragraph equal to the title is not text") {
        const Article a = read_html("<html lang=\"de\"><head><meta name=\"DC.date.issued\" content=\"Sun, 02 Dec 2018 18:00:00 +0100\">"
                                    "<meta name=\"application-name\" content=\"La Gazette\"></head><body><main><h1>Émeutes</h1>" + body +
                                        "</main></body></html>",
                                    "paris.html");
        CHECK(a.title == "Émeutes");
        CHECK(a.language.empty());  // the page says German
        CHECK(a.outlet == "La Gazette");
        REQUIRE(a.published);
        CHECK(*a.published == 2018y / December / 2);
        CHECK(a.text.rfind("Des heurts", 0) == 0);
    }
    SECTION("itemprop=datePublished; a date that cannot be read is no date") {
        const Article a = read_html("<html><head><meta itemprop=\"datePublished\" content=\"2018-12-02T10:00\"></head><body>" + body + "</body></html>", "p.html");
        REQUIRE(a.published);
        CHECK(*a.published == 2018y / December / 2);
        const Article b = read_html("<html><head><meta property=\"article:published_time\" content=\"hier soir\"></head><body>" + body + "</body></html>", "p.html");
        CHECK_FALSE(b.published);
    }
    SECTION("of several articles the longest") {
        const Article a = read_html("<html><body><article><p>Un court billet de trois mots.</p></article><article>" + body +
                                        "</article></body></html>",
                                    "p.html");
        CHECK(a.text.rfind("Des heurts", 0) == 0);
    }
}

TEST_CASE("read_html refuses what is not an article, naming it") {
    SECTION("a page of navigation links only") {
        const auto e = input_error_of([] { read_html(kNavigationOnlyPage, "rubriques.html"); });
        CHECK(e.source() == "rubriques.html");
        CHECK(e.detail().rfind("no article text", 0) == 0);
    }
    SECTION("a PNG renamed .html") {
        static const char header[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10\x08\x06\0\0\0";
        std::string png(header, sizeof header - 1);
        for (int i = 0; i < 2000; ++i) png += static_cast<char>((i * 7919) % 251 + 1);
        const auto e = input_error_of([&] { read_html(png, "photo.html"); });
        CHECK(e.source() == "photo.html");
        CHECK(e.detail().rfind("no article text", 0) == 0);
    }
    SECTION("an empty file") {
        const auto e = input_error_of([] { read_html("", "empty.html"); });
        CHECK(e.source() == "empty.html");
        CHECK_THROWS_AS(read_html(" \n\t ", "blank.html"), core::InputError);
    }
}

TEST_CASE("read_html is safe against entity bombs and deep nesting") {
    SECTION("a billion laughs in an internal subset") {
        std::string bomb = "<!DOCTYPE html [<!ENTITY a \"haha\">";
        for (char c = 'b'; c <= 'j'; ++c) {
            bomb += "<!ENTITY ";
            bomb += c;
            bomb += " \"";
            for (int i = 0; i < 10; ++i) (bomb += '&') += static_cast<char>(c - 1), bomb += ';';
            bomb += "\">";
        }
        bomb += "]><html><body><p>&j; &j; &j;</p></body></html>";
        try {
            const Article a = read_html(bomb, "bomb.html");
            CHECK(a.text.size() < 10000);
        } catch (const core::InputError& e) {
            CHECK(e.source() == "bomb.html");
        }
    }
    SECTION("100,000 nested elements") {
        std::string deep = "<html><body>";
        for (int i = 0; i < 100000; ++i) deep += "<div><span>";
        deep += "Des heurts ont opposé samedi des manifestants aux forces de l'ordre autour de l'Arc de Triomphe et dans les rues "
                "voisines des Champs-Élysées à Paris.";
        // libxml2 reads 256 levels at most: the text lies below them, and the error says why it was not found.
        const auto e = input_error_of([&] { read_html(deep, "deep.html"); });
        CHECK(e.source() == "deep.html");
        CHECK(e.detail().find("deeper than 256 levels") != std::string::npos);
    }
}

// ---------------------------------------------------------------- feeds

TEST_CASE("read_feed reads RSS 2.0 and notes its broken item") {
    const SourceRead read = read_feed(kRss, "quotidien.rss");
    REQUIRE(read.articles.size() == 2);
    REQUIRE(read.problems.size() == 1);
    CHECK(read.problems[0].source == "quotidien.rss");
    CHECK(read.problems[0].where == "item 2");
    CHECK(read.problems[0].reason.find("no title and no text") != std::string::npos);

    const Article& first = read.articles[0];
    CHECK(first.location == "https://quotidien.example/almaty");
    CHECK(first.title == "Almaty : tirs nourris");
    CHECK(first.outlet == "Le Quotidien – International");
    CHECK(first.language == "fr");
    REQUIRE(first.published);
    CHECK(*first.published == 2022y / January / 6);
    CHECK(first.text == "Des tirs nourris ont été entendus jeudi dans le centre.\n\nLa police a repoussé une attaque.");  // content:encoded, CDATA

    const Article& third = read.articles[1];
    CHECK(third.location == "https://quotidien.example/moscou");  // its permalink guid
    REQUIRE(third.published);
    CHECK(*third.published == 2012y / May / 7);  // no weekday, a two-digit year, a named zone
    CHECK(third.text == "Plus de 400 personnes ont été interpellées.\n\nSelon la police, 29 agents ont été blessés.");  // escaped HTML
}

TEST_CASE("read_feed keeps an item whose date cannot be read, and one of plain text") {
    const SourceRead read = read_feed(R"(<rss version="2.0"><channel><title> Wire </title>
        <item><title>Clashes in Yerevan</title><description>Police and troops clashed overnight.

Eight people were killed &amp; more than 130 injured.</description><pubDate>last Sunday</pubDate></item>
        </channel></rss>)",
                                      "wire.xml");
    REQUIRE(read.articles.size() == 1);
    const Article& a = read.articles[0];
    CHECK(a.location == "wire.xml#item-1");  // no link
    CHECK(a.outlet == "Wire");
    CHECK(a.language.empty());
    CHECK_FALSE(a.published);
    CHECK(a.text == "Police and troops clashed overnight.\n\nEight people were killed & more than 130 injured.");
    REQUIRE(read.problems.size() == 1);
    CHECK(read.problems[0].where == "item 1");
    CHECK(read.problems[0].reason.find("last Sunday") != std::string::npos);
}

TEST_CASE("read_feed reads Atom with html and xhtml content") {
    const SourceRead read = read_feed(kAtom, "harbour.atom");
    CHECK(read.problems.empty());
    REQUIRE(read.articles.size() == 3);

    const Article& a = read.articles[0];
    CHECK(a.location == "https://harbour.example/a/1");  // rel="alternate", not the first link
    CHECK(a.title == "Police fire tear gas");
    CHECK(a.outlet == "Harbour Daily");
    CHECK(a.language == "en");
    REQUIRE(a.published);
    CHECK(*a.published == 2019y / June / 12);  // published before updated
    CHECK(a.text == "Riot police fired tear gas on Wednesday.\n\n81 people were injured.");  // content before summary; <aside> dropped

    const Article& b = read.articles[1];
    CHECK(b.location == "https://harbour.example/a/2");  // a link without rel
    CHECK(b.title == "Journée sanglante");               // a title of type html
    CHECK(b.language == "fr");                           // the entry's own xml:lang
    REQUIRE(b.published);
    CHECK(*b.published == 2014y / February / 20);  // updated when not published
    CHECK(b.text == "Des tireurs ont ouvert le feu.\n\nAu moins 77 morts.");

    const Article& c = read.articles[2];
    CHECK(c.title == "Only a title");
    CHECK(c.text.empty());
    CHECK(c.location == "harbour.atom#item-3");
    CHECK_FALSE(c.published);
}

TEST_CASE("read_feed refuses what is not a feed") {
    SECTION("not XML") {
        const auto e = input_error_of([] { read_feed("this is not XML at all <<<", "broken.rss"); });
        CHECK(e.source() == "broken.rss");
    }
    SECTION("XML of another kind") {
        const auto e = input_error_of([] { read_feed("<?xml version=\"1.0\"?><urlset><url/></urlset>", "sitemap.xml"); });
        CHECK(e.source() == "sitemap.xml");
        CHECK(e.detail().find("<urlset>") != std::string::npos);
    }
    SECTION("an entity bomb or a deep nesting is an error or harmless, never a crash") {
        std::string bomb = "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY a \"haha\">";
        for (char c = 'b'; c <= 'j'; ++c) {
            bomb += "<!ENTITY ";
            bomb += c;
            bomb += " \"";
            for (int i = 0; i < 10; ++i) (bomb += '&') += static_cast<char>(c - 1), bomb += ';';
            bomb += "\">";
        }
        bomb += "]><rss><channel><title>&j;</title><item><title>Bomb &j;</title></item></channel></rss>";
        try {
            const SourceRead read = read_feed(bomb, "bomb.rss");
            for (const auto& a : read.articles) CHECK(a.title.size() < 1000);
        } catch (const core::InputError& e) {
            CHECK(e.source() == "bomb.rss");
        }
        std::string deep = "<rss><channel><item><description>";
        for (int i = 0; i < 100000; ++i) deep += "<x>";
        CHECK_THROWS_AS(read_feed(deep, "deep.rss"), core::InputError);
    }
}

// ---------------------------------------------------------------- files

TEST_CASE("read_source reads a file by its kind and names the file it cannot read") {
    TempDir dir;
    SECTION("a page, a feed, a text, and a page that is not an article") {
        spit(dir / "page.html", kFrenchPage);
        spit(dir / "feed.rss", kRss);
        spit(dir / "article.txt", "Des heurts ont éclaté samedi à Paris.\n\nPartagez cet article !\n");
        spit(dir / "nav.html", kNavigationOnlyPage);
        const SourceRead page = read_source(dir / "page.html", 1 << 20);
        REQUIRE(page.articles.size() == 1);
        CHECK(page.articles[0].location == (dir / "page.html").string());
        CHECK(page.articles[0].text == kFrenchText);
        const SourceRead feed = read_source(dir / "feed.rss", 1 << 20);
        CHECK(feed.articles.size() == 2);
        CHECK(feed.problems.size() == 1);
        const SourceRead text = read_source(dir / "article.txt", 1 << 20);
        REQUIRE(text.articles.size() == 1);
        CHECK(text.articles[0].text == "Des heurts ont éclaté samedi à Paris.");
        const SourceRead nav = read_source(dir / "nav.html", 1 << 20);
        CHECK(nav.articles.empty());
        REQUIRE(nav.problems.size() == 1);
        CHECK(nav.problems[0].source == (dir / "nav.html").string());
        CHECK(nav.problems[0].where.empty());
        CHECK(nav.problems[0].reason.rfind("no article text", 0) == 0);
    }
    SECTION("a missing file") {
        const auto e = input_error_of([&] { read_source(dir / "missing.html", 1 << 20); });
        CHECK(e.source() == (dir / "missing.html").string());
    }
    SECTION("a directory") {
        const auto e = input_error_of([&] { read_source(dir.path(), 1 << 20); });
        CHECK(e.source() == dir.path().string());
        CHECK(e.detail().find("directory") != std::string::npos);
    }
    SECTION("over max_bytes") {
        spit(dir / "big.txt", std::string(1001, 'a'));
        const auto e = input_error_of([&] { read_source(dir / "big.txt", 1000); });
        CHECK(e.source() == (dir / "big.txt").string());
        CHECK(e.detail().find("1000") != std::string::npos);
        CHECK(read_source(dir / "big.txt", 1001).articles.size() == 1);
    }
    SECTION("a feed that is not XML throws") {
        spit(dir / "bad.rss", "not a feed");
        CHECK_THROWS_AS(read_source(dir / "bad.rss", 1 << 20), core::InputError);
    }
}

// ---------------------------------------------------------------- details

TEST_CASE("publication days in ISO 8601 and RFC 822, as written") {
    using sources::detail::parse_publication_day;
    CHECK(parse_publication_day("2022-01-06") == 2022y / January / 6);
    CHECK(parse_publication_day(" 2022-01-06T14:05:00+06:00 ") == 2022y / January / 6);
    CHECK(parse_publication_day("2022-01-06T08:05:00Z") == 2022y / January / 6);
    CHECK(parse_publication_day("2022-01-06 08:05") == 2022y / January / 6);
    CHECK(parse_publication_day("Thu, 06 Jan 2022 10:00:00 +0000") == 2022y / January / 6);
    CHECK(parse_publication_day("06 Jan 2022 10:00:00 GMT") == 2022y / January / 6);
    CHECK(parse_publication_day("Thu, 6 jan 22 10:00 EST") == 2022y / January / 6);
    CHECK(parse_publication_day("Sun, 02 Dec 1990 23:59:59 -0500") == 1990y / December / 2);
    CHECK(parse_publication_day("2 December 2018") == 2018y / December / 2);
    CHECK(parse_publication_day("Tue, 02 May 2023") == 2023y / May / 2);
    CHECK_FALSE(parse_publication_day("2022-02-30"));
    CHECK_FALSE(parse_publication_day("2022-1-6"));
    CHECK_FALSE(parse_publication_day("31 Apr 2022"));
    CHECK_FALSE(parse_publication_day("06 Jan 2022 at noon"));
    CHECK_FALSE(parse_publication_day("06 Janvier 2022"));
    CHECK_FALSE(parse_publication_day("yesterday"));
    CHECK_FALSE(parse_publication_day(""));
}

TEST_CASE("the boilerplate cue list is data that is checked when read") {
    using sources::detail::BoilerplateCues;
    const BoilerplateCues cues = BoilerplateCues::parse("# comment\nen\tsupport us\nen\tadvertis*\nfr\tl'article original\n", "cues.tsv");
    CHECK(cues.has_cue("Please SUPPORT us today", "en"));
    CHECK_FALSE(cues.has_cue("They support the union", "en"));
    CHECK(cues.has_cue("Advertising helps us", "en"));
    CHECK(cues.has_cue("Lire l’article original ici", "fr"));
    CHECK(cues.has_cue("Lire l'article original ici", ""));
    CHECK(cues.has_cue("Support-us!", "ru"));  // English cues apply to every language
    CHECK_FALSE(cues.has_cue("Lire l'article original", "ru"));
    const auto e = input_error_of([] { BoilerplateCues::parse("en\tshare\nde\tteilen\n", "cues.tsv"); });
    CHECK(e.source() == "cues.tsv");
    CHECK(e.location() == std::optional<std::string>("2"));
    CHECK_THROWS_AS(BoilerplateCues::parse("en share\n", "cues.tsv"), core::InputError);
    CHECK_THROWS_AS(BoilerplateCues::parse("en\t***\n", "cues.tsv"), core::InputError);
    CHECK_NOTHROW(BoilerplateCues::embedded());
}
