#include "extract/figures.hpp"

#include "core/error.hpp"
#include "gazetteer/text_tokens.hpp"

#include <catch2/catch.hpp>

#include <map>

using namespace incidentmap;
using extract::CasualtyKind;
using core::Language;

namespace {

const extract::FigureLexicon& lexicon(Language lang) {
    static const std::map<Language, extract::FigureLexicon> lexicons{
        {Language::fr, extract::FigureLexicon::load(Language::fr)},
        {Language::en, extract::FigureLexicon::load(Language::en)},
        {Language::ru, extract::FigureLexicon::load(Language::ru)},
    };
    return lexicons.at(lang);
}

std::optional<extract::NumberPhrase> number(std::string_view phrase, Language lang) {
    return extract::parse_number(phrase, lexicon(lang));
}

std::optional<int> value(std::string_view phrase, Language lang) {
    const auto n = number(phrase, lang);
    return n ? n->value : std::nullopt;
}

std::vector<extract::CasualtyFigure> figures(std::string_view text, Language lang) {
    const auto tokens = gazetteer::tokenize(text);
    return extract::find_casualty_figures(text, tokens, lexicon(lang));
}

std::string_view slice(std::string_view text, const extract::FigureSpan& span) {
    return text.substr(span.begin, span.end - span.begin);
}

// The single figure of `text`, checked to be of `kind`.
extract::CasualtyFigure only_figure(std::string_view text, Language lang, CasualtyKind kind) {
    const auto found = figures(text, lang);
    INFO(text);
    REQUIRE(found.size() == 1);
    CHECK(found[0].kind == kind);
    return found[0];
}

// The message of the InputError that parsing `text` as a figure lexicon throws.
std::string lexicon_error(std::string_view text) {
    try {
        extract::FigureLexicon::parse(extract::parse_lexicon_text(text, "figures.tsv"));
    } catch (const core::InputError& e) {
        return e.what();
    }
    return "no error";
}

}  // namespace

TEST_CASE("figures: digits with the separators of each language") {
    SECTION("French and Russian group with spaces, no-break spaces and dots; the comma is decimal") {
        CHECK(value("2 300", Language::fr) == 2300);
        CHECK(value("2\u00A0300", Language::fr) == 2300);
        CHECK(value("2\u202F300", Language::fr) == 2300);
        CHECK(value("2.300", Language::fr) == 2300);
        CHECK(value("1 234 567", Language::fr) == 1234567);
        CHECK(value("748", Language::fr) == 748);
        CHECK(value("2 300", Language::ru) == 2300);
        CHECK_FALSE(number("2,300", Language::fr));  // 2,3: a decimal without a multiplier is no count
        CHECK(value("2,5 millions", Language::fr) == 2500000);
        CHECK(value("2,5 тыс.", Language::ru) == 2500);
        CHECK(value("300 тыс.", Language::ru) == 300000);
        CHECK(value("1,5 млн", Language::ru) == 1500000);
    }
    SECTION("English groups with commas; the dot is decimal") {
        CHECK(value("2,300", Language::en) == 2300);
        CHECK(value("2,300,000", Language::en) == 2300000);
        CHECK(value("1.5 million", Language::en) == 1500000);
        CHECK_FALSE(number("2.300", Language::en));
        CHECK_FALSE(number("2 300", Language::en));  // two numbers, not one
    }
    SECTION("a first group of more than three digits takes no group after it") {
        CHECK_FALSE(number("2021 300", Language::fr));
        CHECK(value("2021", Language::fr) == 2021);
    }
    SECTION("digits glued to digits are times, dates and ranges, not counts") {
        CHECK_FALSE(number("12:30", Language::fr));
        CHECK_FALSE(number("06/01", Language::en));
        CHECK_FALSE(number("10-15", Language::en));
        CHECK_FALSE(number("1,5", Language::en));
    }
}

TEST_CASE("figures: number words, compounds and Russian case forms") {
    CHECK(value("dix-huit", Language::fr) == 18);
    CHECK(value("vingt et un", Language::fr) == 21);
    CHECK(value("vingt-deux", Language::fr) == 22);
    CHECK(value("soixante-dix", Language::fr) == 70);
    CHECK(value("quatre-vingts", Language::fr) == 80);
    CHECK(value("quatre-vingt-dix-sept", Language::fr) == 97);
    CHECK(value("cent", Language::fr) == 100);
    CHECK(value("deux cents", Language::fr) == 200);
    CHECK(value("mille", Language::fr) == 1000);
    CHECK(value("mille cent", Language::fr) == 1100);
    CHECK(value("deux mille trois cents", Language::fr) == 2300);
    CHECK(value("2 millions", Language::fr) == 2000000);
    CHECK_FALSE(number("trois quatre", Language::fr));

    CHECK(value("eighteen", Language::en) == 18);
    CHECK(value("twenty-one", Language::en) == 21);
    CHECK(value("a hundred", Language::en) == 100);
    CHECK(value("two thousand", Language::en) == 2000);
    CHECK(value("one hundred and five", Language::en) == 105);
    CHECK(value("two hundred thousand", Language::en) == 200000);
    CHECK_FALSE(number("a", Language::en));  // an article alone is no number

    CHECK(value("восемнадцать", Language::ru) == 18);
    CHECK(value("двадцать один", Language::ru) == 21);
    CHECK(value("сто двадцать", Language::ru) == 120);
    CHECK(value("две тысячи триста", Language::ru) == 2300);
    CHECK(value("двух", Language::ru) == 2);
    CHECK(value("трёх", Language::ru) == 3);
    CHECK(value("трех", Language::ru) == 3);
    CHECK(value("пятерых", Language::ru) == 5);
    CHECK(value("двух тысяч", Language::ru) == 2000);
    CHECK(value("Восемнадцать", Language::ru) == 18);
}

TEST_CASE("figures: qualifiers make a count approximate or a minimum") {
    SECTION("approximations") {
        for (const auto& [phrase, lang, expected] :
             std::vector<std::tuple<std::string_view, Language, int>>{
                 {"près de 2 300", Language::fr, 2300}, {"environ 50", Language::fr, 50},
                 {"quelque 200", Language::fr, 200},    {"about 200", Language::en, 200},
                 {"nearly 100", Language::en, 100},     {"some 200", Language::en, 200},
                 {"около тысячи", Language::ru, 1000},  {"почти 30", Language::ru, 30},
                 {"примерно 40", Language::ru, 40}}) {
            INFO(phrase);
            const auto n = number(phrase, lang);
            REQUIRE(n);
            CHECK(n->value == expected);
            CHECK_FALSE(n->minimum);
            CHECK(n->approximate);
        }
    }
    SECTION("lower bounds keep the figure as the value and the minimum") {
        for (const auto& [phrase, lang, expected] :
             std::vector<std::tuple<std::string_view, Language, int>>{
                 {"au moins 77", Language::fr, 77},      {"plus de 400", Language::fr, 400},
                 {"at least 12", Language::en, 12},      {"more than 130", Language::en, 130},
                 {"over 1,000", Language::en, 1000},     {"более 400", Language::ru, 400},
                 {"не менее 18", Language::ru, 18},      {"свыше 30", Language::ru, 30},
                 {"по меньшей мере 5", Language::ru, 5}}) {
            INFO(phrase);
            const auto n = number(phrase, lang);
            REQUIRE(n);
            CHECK(n->value == expected);
            CHECK(n->minimum == expected);
            CHECK_FALSE(n->approximate);
        }
    }
    SECTION("qualifiers combine with round units") {
        const auto n = number("plus d'une centaine", Language::fr);
        REQUIRE(n);
        CHECK(n->value == 100);
        CHECK(n->minimum == 100);
        CHECK(n->approximate);
    }
    SECTION("a qualifier with no count after it is no number") {
        CHECK_FALSE(number("plus de", Language::fr));
        CHECK_FALSE(number("at least", Language::en));
    }
}

TEST_CASE("figures: unspecified counts give a minimum and no value") {
    for (const auto& [phrase, lang, expected] : std::vector<std::tuple<std::string_view, Language, int>>{
             {"plusieurs", Language::fr, 2},
             {"quelques", Language::fr, 2},
             {"un nombre indéterminé", Language::fr, 1},
             {"several", Language::en, 2},
             {"some", Language::en, 2},
             {"many", Language::en, 2},
             {"несколько", Language::ru, 2},
             {"многие", Language::ru, 2},
             {"dozens", Language::en, 24},
             {"dizaines", Language::fr, 20},
             {"десятки", Language::ru, 20},
             {"hundreds", Language::en, 200},
             {"centaines", Language::fr, 200},
             {"сотни", Language::ru, 200},
             {"тысячи", Language::ru, 2000},
             {"several hundred", Language::en, 200},
             {"plusieurs milliers", Language::fr, 2000},
             {"несколько сотен", Language::ru, 200},
             {"нескольких тысяч", Language::ru, 2000},
             {"dizaines de milliers", Language::fr, 20000},
             {"tens of thousands", Language::en, 20000},
             {"десятки тысяч", Language::ru, 20000},
         }) {
        INFO(phrase);
        const auto n = number(phrase, lang);
        REQUIRE(n);
        CHECK_FALSE(n->value);
        CHECK(n->minimum == expected);
    }
    SECTION("a round unit with a count is an approximate value") {
        for (const auto& [phrase, lang, expected] : std::vector<std::tuple<std::string_view, Language, int>>{
                 {"une dizaine", Language::fr, 10},
                 {"a dozen", Language::en, 12},
                 {"десяток", Language::ru, 10},
                 {"une centaine", Language::fr, 100},
             }) {
            INFO(phrase);
            const auto n = number(phrase, lang);
            REQUIRE(n);
            CHECK(n->value == expected);
            CHECK_FALSE(n->minimum);
            CHECK(n->approximate);
        }
    }
}

TEST_CASE("figures: parse_number reads from the first token and says how far") {
    const std::string_view text = "au moins 18 morts";
    const auto tokens = gazetteer::tokenize(text);
    const auto n = extract::parse_number(text, tokens, lexicon(Language::fr));
    REQUIRE(n);
    CHECK(n->value == 18);
    CHECK(n->token_count == 3);
    CHECK_FALSE(extract::parse_number(text, std::span(tokens).subspan(3), lexicon(Language::fr)));
}

TEST_CASE("figures: statements in French") {
    SECTION("subject, auxiliary, outcome, and a coordinated figure sharing the subject") {
        const std::string_view text = "Au total, 18 policiers et militaires ont été tués et 748 autres blessés.";
        const auto found = figures(text, Language::fr);
        REQUIRE(found.size() == 2);
        CHECK(found[0].kind == CasualtyKind::killed);
        CHECK(found[0].value == 18);
        CHECK_FALSE(found[0].minimum);
        CHECK_FALSE(found[0].approximate);
        CHECK(found[0].subject == "policiers et militaires");
        CHECK(slice(text, found[0].statement) == "18 policiers et militaires ont été tués");
        CHECK(slice(text, found[0].number) == "18");
        CHECK(found[1].kind == CasualtyKind::injured);
        CHECK(found[1].value == 748);
        CHECK(found[1].subject == "policiers et militaires");
        CHECK(slice(text, found[1].statement) == "748 autres blessés");
    }
    SECTION("digit groups, outcome nouns, singular subjects, unspecified counts") {
        const auto arrested = only_figure("Selon le ministère, 2 300 personnes ont été arrêtées.", Language::fr,
                                          CasualtyKind::arrested);
        CHECK(arrested.value == 2300);
        CHECK(arrested.subject == "personnes");
        CHECK(only_figure("Le bilan s'élève à 18 morts.", Language::fr, CasualtyKind::killed).value == 18);
        const auto journalist = only_figure("Un journaliste a été blessé à la jambe.", Language::fr, CasualtyKind::injured);
        CHECK(journalist.value == 1);
        CHECK(journalist.subject == "journaliste");
        const auto several = only_figure("Plusieurs assaillants auraient été tués.", Language::fr, CasualtyKind::killed);
        CHECK_FALSE(several.value);
        CHECK(several.minimum == 2);
        const auto dozens = only_figure("Des dizaines de personnes ont été blessées.", Language::fr, CasualtyKind::injured);
        CHECK_FALSE(dozens.value);
        CHECK(dozens.minimum == 20);
        CHECK(dozens.subject == "personnes");
    }
    SECTION("the outcome before the count") {
        const auto found = only_figure("La police a interpellé près de 400 manifestants dimanche.", Language::fr,
                                       CasualtyKind::arrested);
        CHECK(found.value == 400);
        CHECK(found.approximate);
        CHECK(found.subject == "manifestants");
        CHECK(only_figure("Les heurts ont causé la mort de trois personnes.", Language::fr, CasualtyKind::killed).value == 3);
    }
    SECTION("two outcome nouns in a row") {
        const auto found = figures("Le bilan provisoire : un mort, 12 blessés et 40 interpellations.", Language::fr);
        REQUIRE(found.size() == 3);
        CHECK((found[0].kind == CasualtyKind::killed && found[0].value == 1));
        CHECK((found[1].kind == CasualtyKind::injured && found[1].value == 12));
        CHECK((found[2].kind == CasualtyKind::arrested && found[2].value == 40));
    }
}

TEST_CASE("figures: statements in English") {
    const auto killed = only_figure("Officials said 12 people were killed in the clashes.", Language::en,
                                    CasualtyKind::killed);
    CHECK(killed.value == 12);
    CHECK(killed.subject == "people");

    const auto object = only_figure("Security forces killed at least 12 protesters on Monday.", Language::en,
                                    CasualtyKind::killed);
    CHECK(object.value == 12);
    CHECK(object.minimum == 12);
    CHECK(object.subject == "protesters");

    const auto both = figures("Eight people were killed and more than 130 injured, officials said.", Language::en);
    REQUIRE(both.size() == 2);
    CHECK((both[0].kind == CasualtyKind::killed && both[0].value == 8 && both[0].subject == "people"));
    CHECK((both[1].kind == CasualtyKind::injured && both[1].value == 130 && both[1].minimum == 130));
    CHECK(both[1].subject == "people");

    CHECK(only_figure("One person was killed.", Language::en, CasualtyKind::killed).value == 1);
    CHECK(only_figure("A journalist was seriously injured.", Language::en, CasualtyKind::injured).value == 1);
    CHECK(only_figure("Eleven people were arrested.", Language::en, CasualtyKind::arrested).value == 11);
    CHECK(only_figure("Police said 2,300 people had been detained.", Language::en, CasualtyKind::arrested).value == 2300);

    const auto dozens = only_figure("Dozens of protesters were arrested.", Language::en, CasualtyKind::arrested);
    CHECK_FALSE(dozens.value);
    CHECK(dozens.minimum == 24);
    CHECK(dozens.approximate);
    CHECK(dozens.subject == "protesters");

    SECTION("coordinated statements and coordinated subjects") {
        const auto two = figures("At least 3 people died and dozens were hurt.", Language::en);
        REQUIRE(two.size() == 2);
        CHECK((two[0].kind == CasualtyKind::killed && two[0].value == 3 && two[0].minimum == 3));
        CHECK((two[1].kind == CasualtyKind::injured && !two[1].value && two[1].minimum == 24));
        CHECK(two[1].subject == "people");
        CHECK(only_figure("Police fired tear gas and 12 people were injured.", Language::en, CasualtyKind::injured)
                  .value == 12);
        // Two subjects share the outcome: the second alone would be a wrong figure.
        CHECK(figures("Two police officers and a protester were injured.", Language::en).empty());
    }
    SECTION("a count after a preposition may start a clause") {
        CHECK(only_figure("A curfew was declared after 8 people died.", Language::en, CasualtyKind::killed).value == 8);
        CHECK(only_figure("The rally ended with 12 people injured.", Language::en, CasualtyKind::injured).value == 12);
    }
    SECTION("an active verb's subject is not its victims") {
        const auto found = only_figure("12 soldiers killed 3 protesters.", Language::en, CasualtyKind::killed);
        CHECK(found.value == 3);
        CHECK(found.subject == "protesters");
        CHECK(only_figure("A bomb killed three people.", Language::en, CasualtyKind::killed).value == 3);
    }
}

TEST_CASE("figures: statements in Russian") {
    const auto after = only_figure("Власти заявили, что погибли 18 человек.", Language::ru, CasualtyKind::killed);
    CHECK(after.value == 18);
    CHECK(after.subject == "человек");
    CHECK(only_figure("18 человек погибли.", Language::ru, CasualtyKind::killed).value == 18);

    const auto two = figures("Задержаны более 400 человек, пострадали 29 полицейских.", Language::ru);
    REQUIRE(two.size() == 2);
    CHECK((two[0].kind == CasualtyKind::arrested && two[0].value == 400 && two[0].minimum == 400));
    CHECK((two[1].kind == CasualtyKind::injured && two[1].value == 29 && two[1].subject == "полицейских"));

    const auto nouns = figures("Известно о 18 погибших и 748 раненых.", Language::ru);
    REQUIRE(nouns.size() == 2);
    CHECK((nouns[0].kind == CasualtyKind::killed && nouns[0].value == 18));
    CHECK((nouns[1].kind == CasualtyKind::injured && nouns[1].value == 748));

    const auto active = only_figure("Полиция задержала 15 активистов.", Language::ru, CasualtyKind::arrested);
    CHECK(active.value == 15);
    CHECK(active.subject == "активистов");

    const auto about = only_figure("Около тысячи человек были задержаны.", Language::ru, CasualtyKind::arrested);
    CHECK(about.value == 1000);
    CHECK(about.approximate);

    const auto words = only_figure("В результате столкновений погибли двадцать два человека.", Language::ru,
                                   CasualtyKind::killed);
    CHECK(words.value == 22);

    const auto many = only_figure("Десятки человек получили ранения.", Language::ru, CasualtyKind::injured);
    CHECK_FALSE(many.value);
    CHECK(many.minimum == 20);
}

TEST_CASE("figures: a negation gives 0, never a missing figure") {
    CHECK(only_figure("Personne n'a été blessé.", Language::fr, CasualtyKind::injured).value == 0);
    CHECK(only_figure("Aucun mort n'est à déplorer.", Language::fr, CasualtyKind::killed).value == 0);
    CHECK(only_figure("Aucun policier n'a été blessé.", Language::fr, CasualtyKind::injured).value == 0);
    CHECK(only_figure("No one was hurt.", Language::en, CasualtyKind::injured).value == 0);
    CHECK(only_figure("Police said no arrests were made.", Language::en, CasualtyKind::arrested).value == 0);
    CHECK(only_figure("Никто не пострадал.", Language::ru, CasualtyKind::injured).value == 0);
    CHECK(only_figure("Никто не погиб.", Language::ru, CasualtyKind::killed).value == 0);
    SECTION("a negated verb with a count gives nothing; \"personne\" without a negation is a person") {
        CHECK(figures("12 personnes n'ont pas été blessées.", Language::fr).empty());
        CHECK(figures("La personne a été blessée.", Language::fr).empty());
        CHECK(figures("Сотрудники полиции не пострадали.", Language::ru).empty());
    }
}

TEST_CASE("figures: years, dates and measures are not casualty figures") {
    CHECK(figures("En 2021, des manifestants ont été tués.", Language::fr).empty());
    CHECK(figures("Le 6 janvier des manifestants ont été tués.", Language::fr).empty());
    const auto date = only_figure("Le 6 janvier, 3 manifestants ont été tués.", Language::fr, CasualtyKind::killed);
    CHECK(date.value == 3);
    CHECK(only_figure("In 2019 police arrested 300 people.", Language::en, CasualtyKind::arrested).value == 300);
    CHECK(figures("He was arrested 3 years ago.", Language::en).empty());
    CHECK(figures("14 мая погибли люди.", Language::ru).empty());
    CHECK(figures("18-летний студент был задержан.", Language::ru).empty());
    CHECK(figures("12 % des manifestants ont été blessés.", Language::fr).empty());
    CHECK(figures("Dans 3 villes des manifestants ont été arrêtés.", Language::fr).empty());
    CHECK(figures("Le chauffeur d'un camion de pompiers a été blessé.", Language::fr).empty());  // a complement
}

TEST_CASE("figures: statements stay within a sentence") {
    CHECK(figures("Le cortège comptait 300 manifestants. Blessés, certains ont été soignés.", Language::fr).empty());
    SECTION("a decimal dot and an abbreviation's dot end no sentence") {
        const std::string_view text = "Задержаны 2,5 тыс. человек.";
        const auto found = only_figure(text, Language::ru, CasualtyKind::arrested);
        CHECK(found.value == 2500);
        CHECK(found.subject == "человек");
        CHECK(slice(text, found.number) == "2,5 тыс.");
        CHECK(slice(text, found.statement) == "Задержаны 2,5 тыс. человек");
        CHECK(only_figure("Some 1.5 million people were displaced and 2.5 thousand arrested.", Language::en,
                          CasualtyKind::arrested)
                  .value == 2500);
    }
}

TEST_CASE("figures: spans are byte and code point offsets with non-ASCII text before") {
    const std::string_view text = "Алматы — 18 человек погибли.";
    const auto found = only_figure(text, Language::ru, CasualtyKind::killed);
    CHECK(slice(text, found.statement) == "18 человек погибли");
    CHECK(found.statement.begin == 17);  // 6 Cyrillic letters of 2 bytes, two spaces, an em dash of 3
    CHECK(found.statement.cp_begin == 9);
    CHECK(found.statement.cp_end == 27);
    CHECK(found.number == extract::FigureSpan{17, 19, 9, 11});

    const std::string_view french = "Émeutes à Almaty : près de 2\u202F300 personnes ont été arrêtées.";
    const auto arrested = only_figure(french, Language::fr, CasualtyKind::arrested);
    CHECK(slice(french, arrested.number) == "près de 2\u202F300");
    CHECK(arrested.number.cp_begin == 19);
    CHECK(arrested.number.cp_end == 32);
    CHECK(arrested.value == 2300);
}

TEST_CASE("figures: the shipped lexicons load") {
    for (Language lang : {Language::fr, Language::en, Language::ru}) CHECK_NOTHROW(extract::FigureLexicon::load(lang));
    CHECK(extract::to_string(CasualtyKind::injured) == "injured");
}

TEST_CASE("figures: bad lexicon lines throw InputError naming the file and line") {
    CHECK(lexicon_error("# numbers\nnombre\tdix\t10\n") == "figures.tsv:2: unknown section 'nombre'");
    CHECK(lexicon_error("number\tdix\tten\n") == "figures.tsv:1: bad number 'ten'");
    CHECK(lexicon_error("number\tdix\t-10\n") == "figures.tsv:1: bad number '-10'");
    CHECK(lexicon_error("number\tdix\n") == "figures.tsv:1: missing value in section 'number'");
    CHECK(lexicon_error("\n\noutcome\ttués\tdead\n") ==
          "figures.tsv:3: bad outcome (killed, injured or arrested) 'dead'");
    CHECK(lexicon_error("qualifier\tenviron\tabout\n") ==
          "figures.tsv:1: bad qualifier (approximate or minimum) 'about'");
    CHECK(lexicon_error("multiplier\tdizaine\t10\tround\n") ==
          "figures.tsv:1: bad multiplier flag (approximate or plural) 'round'");
    CHECK(lexicon_error("auxiliary\tont\tvery\n") == "figures.tsv:1: unexpected field 'very'");
    CHECK(lexicon_error("separator\tgroup\t_x\n") ==
          "figures.tsv:1: bad separator (\"space\" or one ASCII punctuation character) '_x'");
    CHECK(lexicon_error("separator\tgroup\t,\nseparator\tdecimal\t,\n") ==
          "figures.tsv:2: the same mark separates groups and decimals");
    CHECK(lexicon_error("number\tdix\t10\nnumber\tdix\t10\n") ==
          "figures.tsv:2: repeated entry 'dix' (first at line 1)");
    CHECK(lexicon_error("measure\t%\n") == "figures.tsv:1: no word in '%'");
    CHECK_THROWS_AS(extract::FigureLexicon::parse(extract::parse_lexicon_text("negation\tne\tnon\n", "x.tsv")),
                    core::InputError);
}
