#include "extract/time_expressions.hpp"

#include "core/error.hpp"
#include "gazetteer/text_tokens.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <tuple>
#include <utility>

using namespace incidentmap;
using core::PartOfDay;
using core::TimePrecision;
using core::TimeSpan;
using core::Language;
using extract::TimeKind;
using extract::TimeMention;

namespace {

using Ymd = std::chrono::year_month_day;

Ymd ymd(int y, unsigned m, unsigned d) { return Ymd{std::chrono::year(y), std::chrono::month(m), std::chrono::day(d)}; }

// Publication dates used throughout: a Friday and a Thursday.
const Ymd kFriday = ymd(2022, 1, 7);
const Ymd kThursday = ymd(2022, 1, 6);

const extract::TimeLexicon& lexicon(Language lang) {
    static const extract::TimeLexicon fr = extract::TimeLexicon::load(Language::fr);
    static const extract::TimeLexicon en = extract::TimeLexicon::load(Language::en);
    static const extract::TimeLexicon ru = extract::TimeLexicon::load(Language::ru);
    switch (lang) {
        case Language::fr: return fr;
        case Language::en: return en;
        case Language::ru: return ru;
    }
    return en;
}

std::vector<TimeMention> find(std::string_view text, Language lang, std::optional<Ymd> published) {
    const auto tokens = gazetteer::tokenize(text);
    return extract::find_time_expressions(text, tokens, lexicon(lang), published);
}

std::string covered(std::string_view text, const TimeMention& m) {
    return std::string(text.substr(m.begin, m.end - m.begin));
}

// The one mention the text holds.
TimeMention only(std::string_view text, Language lang, std::optional<Ymd> published) {
    const auto all = find(text, lang, published);
    INFO(text);
    REQUIRE(all.size() == 1);
    return all.front();
}

TimeSpan night_of(Ymd d) { return TimeSpan::part_of_day(d, PartOfDay::night); }

}  // namespace

TEST_CASE("time expressions: explicit dates in French, English and Russian") {
    SECTION("French") {
        const std::string_view text = "Les premiers rassemblements ont eu lieu le 12 mars 2021 devant la préfecture.";
        const auto m = only(text, Language::fr, kFriday);
        CHECK(covered(text, m) == "12 mars 2021");
        CHECK(m.kind == TimeKind::explicit_date);
        CHECK(extract::to_string(m.kind) == "explicit_date");
        CHECK(m.span == TimeSpan::day(ymd(2021, 3, 12)));
        CHECK(m.precision() == TimePrecision::day);
        CHECK_FALSE(m.relative);
        CHECK_FALSE(m.part.has_value());

        CHECK(only("Le cortège est parti le 1er mai 2019 de la gare.", Language::fr, kFriday).span ==
              TimeSpan::day(ymd(2019, 5, 1)));
        const std::string_view with_weekday = "Le couvre-feu a été levé jeudi 6 janvier 2022 au matin.";
        const auto dated = only(with_weekday, Language::fr, kFriday);
        CHECK(covered(with_weekday, dated) == "jeudi 6 janvier 2022 au matin");
        CHECK(dated.span == TimeSpan::part_of_day(ymd(2022, 1, 6), PartOfDay::morning));
    }
    SECTION("English") {
        const std::string_view text = "Police said the fire started on March 3, 2021, near the port.";
        const auto m = only(text, Language::en, kFriday);
        CHECK(covered(text, m) == "March 3, 2021");
        CHECK(m.span == TimeSpan::day(ymd(2021, 3, 3)));
        CHECK_FALSE(m.relative);
        CHECK(only("The strike began 3 March 2021 at dawn.", Language::en, kFriday).span ==
              TimeSpan::day(ymd(2021, 3, 3)));
        CHECK(only("Talks resumed on the 3rd of March 2021.", Language::en, kFriday).span ==
              TimeSpan::day(ymd(2021, 3, 3)));
        CHECK(only("The curfew was lifted on Jan. 5, 2021, officials said.", Language::en, kFriday).span ==
              TimeSpan::day(ymd(2021, 1, 5)));
        const std::string_view with_weekday = "It happened on Thursday, January 6, 2022, downtown.";
        const auto dated = only(with_weekday, Language::en, kFriday);
        CHECK(covered(with_weekday, dated) == "Thursday, January 6, 2022");
        CHECK(dated.kind == TimeKind::explicit_date);
    }
    SECTION("Russian, with the month in the genitive and the year word") {
        const std::string_view text = "Митинг прошёл 12 марта 2020 года на центральной площади.";
        const auto m = only(text, Language::ru, kFriday);
        CHECK(covered(text, m) == "12 марта 2020 года");
        CHECK(m.span == TimeSpan::day(ymd(2020, 3, 12)));
        CHECK(only("Забастовка началась утром 1-го мая 2019 г.", Language::ru, kFriday).span ==
              TimeSpan::part_of_day(ymd(2019, 5, 1), PartOfDay::morning));
    }
    SECTION("numeric dates: ISO everywhere, day first in French and Russian, English only when unambiguous") {
        CHECK(only("Rapport du 2021-03-12.", Language::fr, kFriday).span == TimeSpan::day(ymd(2021, 3, 12)));
        CHECK(only("Report dated 2021-03-12.", Language::en, kFriday).span == TimeSpan::day(ymd(2021, 3, 12)));
        CHECK(only("Communiqué du 12/03/2021.", Language::fr, kFriday).span == TimeSpan::day(ymd(2021, 3, 12)));
        CHECK(only("Сообщение от 12.03.2021.", Language::ru, kFriday).span == TimeSpan::day(ymd(2021, 3, 12)));
        CHECK(only("Posted 25/03/2021.", Language::en, kFriday).span == TimeSpan::day(ymd(2021, 3, 25)));
        CHECK(only("Posted 03/25/2021.", Language::en, kFriday).span == TimeSpan::day(ymd(2021, 3, 25)));
        const auto ambiguous = only("Posted 03/12/2021.", Language::en, kFriday);
        CHECK(ambiguous.kind == TimeKind::explicit_date);
        CHECK(ambiguous.precision() == TimePrecision::unknown);
        CHECK_FALSE(ambiguous.relative);
        CHECK(find("Version 1.12.03.2021 du logiciel.", Language::fr, kFriday).empty());
        CHECK(find("Le 31/02/2021 n'existe pas.", Language::fr, kFriday).empty());
    }
}

TEST_CASE("time expressions: a date without a year takes the year that puts it nearest the publication") {
    SECTION("French") {
        // Published Friday 7 January 2022.
        const auto m = only("Les heurts ont commencé le 3 janvier.", Language::fr, kFriday);
        CHECK(m.span == TimeSpan::day(ymd(2022, 1, 3)));
        CHECK(m.relative);
        CHECK(only("Le 28 décembre, la police a chargé.", Language::fr, kFriday).span ==
              TimeSpan::day(ymd(2021, 12, 28)));
        // Ahead stays in the publication year while it is nearer than the year before (a day ahead counting
        // twice a day back): an announced event; far ahead is last year.
        CHECK(only("Une marche est prévue le 10 janvier.", Language::fr, kFriday).span ==
              TimeSpan::day(ymd(2022, 1, 10)));
        CHECK(only("Une marche est prévue le 20 janvier.", Language::fr, kFriday).span ==
              TimeSpan::day(ymd(2022, 1, 20)));
        CHECK(only("Le 20 juillet, rien ne s'était passé.", Language::fr, kFriday).span ==
              TimeSpan::day(ymd(2021, 7, 20)));
        // Published late in December, early January is next year's.
        CHECK(only("Une marche est prévue le 3 janvier.", Language::fr, ymd(2021, 12, 28)).span ==
              TimeSpan::day(ymd(2022, 1, 3)));
    }
    SECTION("English and Russian") {
        CHECK(only("Protests began on March 3.", Language::en, ymd(2021, 3, 10)).span ==
              TimeSpan::day(ymd(2021, 3, 3)));
        CHECK(only("Протесты начались 12 марта.", Language::ru, ymd(2020, 3, 20)).span ==
              TimeSpan::day(ymd(2020, 3, 12)));
    }
    SECTION("without a publication date it stays unknown") {
        const auto m = only("Les heurts ont commencé le 3 janvier.", Language::fr, std::nullopt);
        CHECK(m.kind == TimeKind::explicit_date);
        CHECK(m.precision() == TimePrecision::unknown);
        CHECK(m.relative);
    }
}

TEST_CASE("time expressions: a weekday is the most recent such day on or before publication") {
    SECTION("French, published on a Friday") {
        const std::string_view text = "Les tirs ont repris jeudi ; le bâtiment avait été incendié mercredi.";
        const auto all = find(text, Language::fr, kFriday);
        REQUIRE(all.size() == 2);
        CHECK(covered(text, all[0]) == "jeudi");
        CHECK(all[0].kind == TimeKind::weekday);
        CHECK(all[0].span == TimeSpan::day(ymd(2022, 1, 6)));
        CHECK(all[0].relative);
        CHECK(all[1].span == TimeSpan::day(ymd(2022, 1, 5)));
        CHECK(only("Vendredi, le calme est revenu.", Language::fr, kFriday).span == TimeSpan::day(kFriday));
        CHECK(only("Samedi, des renforts sont arrivés.", Language::fr, kFriday).span == TimeSpan::day(ymd(2022, 1, 1)));
    }
    SECTION("published on that weekday: the same day") {
        CHECK(only("Les tirs ont repris jeudi.", Language::fr, kThursday).span == TimeSpan::day(kThursday));
    }
    SECTION("English and Russian forms") {
        const std::string_view en = "Troops moved in on Thursday.";
        const auto thursday = only(en, Language::en, kFriday);
        CHECK(covered(en, thursday) == "Thursday");
        CHECK(thursday.span == TimeSpan::day(ymd(2022, 1, 6)));
        const std::string_view ru = "Войска вошли в город в среду, а в пятницу ушли.";
        const auto all = find(ru, Language::ru, kFriday);
        REQUIRE(all.size() == 2);
        CHECK(covered(ru, all[0]) == "среду");
        CHECK(all[0].span == TimeSpan::day(ymd(2022, 1, 5)));
        CHECK(all[1].span == TimeSpan::day(kFriday));
    }
    SECTION("a bound form is no weekday on its own") {
        CHECK(find("Вопросы защиты окружающей среды обсуждались долго.", Language::ru, kFriday).empty());
    }
}

TEST_CASE("time expressions: relative day words count from publication") {
    struct Case {
        std::string_view text, expected;
        Language lang;
        int offset;
    };
    const Case cases[] = {
        {"Hier, trois personnes ont été blessées.", "Hier", Language::fr, -1},
        {"Le calme est revenu aujourd'hui en ville.", "aujourd'hui", Language::fr, 0},
        {"Les premiers heurts datent d'avant-hier.", "avant-hier", Language::fr, -2},
        {"La veille, la police avait bouclé le quartier.", "La veille", Language::fr, -1},
        {"Three people were hurt yesterday.", "yesterday", Language::en, -1},
        {"Shops reopened today.", "today", Language::en, 0},
        {"The road had been closed the day before.", "the day before", Language::en, -1},
        {"Вчера были задержаны пять человек.", "Вчера", Language::ru, -1},
        {"Сегодня в городе спокойно.", "Сегодня", Language::ru, 0},
        {"Позавчера здесь стреляли.", "Позавчера", Language::ru, -2},
        {"Накануне власти ввели комендантский час.", "Накануне", Language::ru, -1},
    };
    for (const auto& c : cases) {
        INFO(c.text);
        const auto m = only(c.text, c.lang, kFriday);
        CHECK(covered(c.text, m) == c.expected);
        CHECK(m.kind == TimeKind::relative_day);
        CHECK(m.relative);
        CHECK(m.span == TimeSpan::day(Ymd(std::chrono::sys_days(kFriday) + std::chrono::days(c.offset))));
    }
}

TEST_CASE("time expressions: a part of the day joins the day next to it") {
    SECTION("French") {
        const std::string_view text = "Une nouvelle tentative a été lancée jeudi soir par la police.";
        const auto m = only(text, Language::fr, kFriday);
        CHECK(covered(text, m) == "jeudi soir");
        CHECK(m.kind == TimeKind::weekday);
        CHECK(m.part == PartOfDay::evening);
        CHECK(m.span == TimeSpan::part_of_day(ymd(2022, 1, 6), PartOfDay::evening));
        CHECK(m.precision() == TimePrecision::part_of_day);
        CHECK(only("Hier matin, la gare a été évacuée.", Language::fr, kFriday).span ==
              TimeSpan::part_of_day(ymd(2022, 1, 6), PartOfDay::morning));
        CHECK(only("Mercredi dans l'après-midi, la foule a grossi.", Language::fr, kFriday).span ==
              TimeSpan::part_of_day(ymd(2022, 1, 5), PartOfDay::afternoon));
        CHECK(only("Le 5 janvier au soir, des coups de feu ont éclaté.", Language::fr, kFriday).span ==
              TimeSpan::part_of_day(ymd(2022, 1, 5), PartOfDay::evening));
    }
    SECTION("English") {
        const auto m = only("Gunfire was heard Thursday night.", Language::en, kFriday);
        CHECK(m.span == night_of(ymd(2022, 1, 6)));
        CHECK(m.part == PartOfDay::night);
        CHECK(only("Yesterday afternoon the square was cleared.", Language::en, kFriday).span ==
              TimeSpan::part_of_day(ymd(2022, 1, 6), PartOfDay::afternoon));
        CHECK(only("Crowds gathered this morning.", Language::en, kFriday).span ==
              TimeSpan::part_of_day(kFriday, PartOfDay::morning));
        CHECK(only("Tonight the city is quiet.", Language::en, kFriday).span ==
              TimeSpan::part_of_day(kFriday, PartOfDay::evening));
    }
    SECTION("Russian, either order") {
        const std::string_view after = "Стрельба началась в четверг вечером.";
        const auto m = only(after, Language::ru, kFriday);
        CHECK(covered(after, m) == "четверг вечером");
        CHECK(m.span == TimeSpan::part_of_day(ymd(2022, 1, 6), PartOfDay::evening));
        const std::string_view before = "Стрельба началась вечером в четверг.";
        const auto b = only(before, Language::ru, kFriday);
        CHECK(covered(before, b) == "вечером в четверг");
        CHECK(b.span == m.span);
        CHECK(only("Вчера вечером прошёл митинг.", Language::ru, kFriday).span ==
              TimeSpan::part_of_day(ymd(2022, 1, 6), PartOfDay::evening));
    }
    SECTION("not across a sentence") {
        const auto all = find("Ils sont partis jeudi. Soir après soir, la foule revient.", Language::fr, kFriday);
        REQUIRE(all.size() == 3);
        CHECK(all[0].span == TimeSpan::day(ymd(2022, 1, 6)));
        CHECK(all[1].kind == TimeKind::part_of_day);
    }
}

TEST_CASE("time expressions: nights") {
    SECTION("a night with no day named ends on the publication day") {
        for (const auto& [text, lang] : {std::pair{"Cette nuit, des pillages ont eu lieu.", Language::fr},
                                         std::pair{"Le siège a subi un autre assaut pendant la nuit.", Language::fr},
                                         std::pair{"Looting was reported last night.", Language::en},
                                         std::pair{"Сегодня ночью в городе были слышны выстрелы.", Language::ru}}) {
            INFO(text);
            const auto m = only(text, lang, kFriday);
            CHECK(m.kind == TimeKind::relative_day);
            CHECK(m.span == night_of(ymd(2022, 1, 6)));
            CHECK(m.part == PartOfDay::night);
            CHECK(m.relative);
        }
    }
    SECTION("the night between two days") {
        const std::string_view fr = "Des tirs ont été entendus dans la nuit de mercredi à jeudi.";
        const auto m = only(fr, Language::fr, kFriday);
        CHECK(covered(fr, m) == "dans la nuit de mercredi à jeudi");
        CHECK(m.kind == TimeKind::weekday);
        CHECK(m.span == night_of(ymd(2022, 1, 5)));
        const auto dated = only("Dans la nuit du 5 au 6 janvier, le QG a été attaqué.", Language::fr, kFriday);
        CHECK(dated.kind == TimeKind::explicit_date);
        CHECK(dated.span == night_of(ymd(2022, 1, 5)));
        CHECK(only("В ночь с 5 на 6 января здание захватили.", Language::ru, kFriday).span ==
              night_of(ymd(2022, 1, 5)));
        CHECK(only("В ночь со среды на четверг здание захватили.", Language::ru, kFriday).span ==
              night_of(ymd(2022, 1, 5)));
    }
    SECTION("Russian: the night before a day") {
        const std::string_view text = "В ночь на четверг вооружённые люди захватили здание.";
        const auto m = only(text, Language::ru, kFriday);
        CHECK(covered(text, m) == "В ночь на четверг");
        CHECK(m.kind == TimeKind::weekday);
        CHECK(m.span == night_of(ymd(2022, 1, 5)));
    }
}

TEST_CASE("time expressions: a part of the day alone is left for the caller") {
    for (const auto& [text, lang, part] :
         {std::tuple{"Le soir, la foule s'est dispersée.", Language::fr, PartOfDay::evening},
          std::tuple{"Shots rang out at night.", Language::en, PartOfDay::night},
          std::tuple{"Ce soir-là, personne n'est sorti.", Language::fr, PartOfDay::evening},
          std::tuple{"Ночью шёл снег.", Language::ru, PartOfDay::night}}) {
        INFO(text);
        const auto m = only(text, lang, kFriday);
        CHECK(m.kind == TimeKind::part_of_day);
        CHECK(m.part == part);
        CHECK(m.precision() == TimePrecision::unknown);
        CHECK_FALSE(m.relative);
    }
}

TEST_CASE("time expressions: months and years need a day, a year or a cue") {
    SECTION("month and year: month precision") {
        const std::string_view fr = "Les grèves ont commencé en mars 2021.";
        const auto m = only(fr, Language::fr, kFriday);
        CHECK(covered(fr, m) == "en mars 2021");
        CHECK(m.kind == TimeKind::month);
        CHECK(m.precision() == TimePrecision::month);
        CHECK(m.span == TimeSpan::month(std::chrono::year(2021) / std::chrono::March));
        CHECK_FALSE(m.relative);
        CHECK(only("The strikes began in March 2021.", Language::en, kFriday).span == m.span);
        const std::string_view ru = "Забастовки начались в марте 2021 года.";
        const auto r = only(ru, Language::ru, kFriday);
        CHECK(covered(ru, r) == "в марте 2021 года");
        CHECK(r.span == m.span);
    }
    SECTION("a cued month without a year: from the publication date") {
        const auto m = only("Les grèves ont commencé en mars.", Language::fr, ymd(2021, 3, 20));
        CHECK(m.span == TimeSpan::month(std::chrono::year(2021) / std::chrono::March));
        CHECK(m.relative);
        CHECK(only("It was built in May.", Language::en, ymd(2021, 3, 20)).span ==
              TimeSpan::month(std::chrono::year(2020) / std::chrono::May));
        CHECK(only("It was built in May.", Language::en, std::nullopt).precision() == TimePrecision::unknown);
    }
    SECTION("a year after a cue: year precision") {
        const auto m = only("La ville est sous couvre-feu depuis 2019.", Language::fr, kFriday);
        CHECK(m.kind == TimeKind::year);
        CHECK(m.precision() == TimePrecision::year);
        CHECK(m.span == TimeSpan::year(std::chrono::year(2019)));
        CHECK(only("The law passed in 2019.", Language::en, kFriday).span == m.span);
        const std::string_view ru = "Закон принят в 2019 году.";
        CHECK(covered(ru, only(ru, Language::ru, kFriday)) == "в 2019 году");
        CHECK(only("Закон действует с 2019 года.", Language::ru, kFriday).span == m.span);
    }
    SECTION("figures are not years, modal verbs and planets are not months") {
        CHECK(find("Selon la préfecture, 2 300 personnes ont défilé.", Language::fr, kFriday).empty());
        CHECK(find("Le bilan fait état de 748 blessés.", Language::fr, kFriday).empty());
        CHECK(find("On compte 2019 blessés.", Language::fr, kFriday).empty());
        CHECK(find("Il y avait en 2300 manifestants.", Language::fr, kFriday).empty());
        CHECK(find("Officials said protesters may gather again.", Language::en, kFriday).empty());
        CHECK(find("Officials said protesters may 3 times gather.", Language::en, kFriday).empty());
        CHECK(find("La sonde s'est posée sur Mars.", Language::fr, kFriday).empty());
    }
}

TEST_CASE("time expressions: ranges of days") {
    SECTION("French") {
        const std::string_view text = "Le festival s'est tenu du 5 au 7 janvier dans le centre.";
        const auto m = only(text, Language::fr, ymd(2022, 1, 10));
        CHECK(covered(text, m) == "du 5 au 7 janvier");
        CHECK(m.kind == TimeKind::range);
        CHECK(m.span == TimeSpan::days(ymd(2022, 1, 5), ymd(2022, 1, 7)));
        CHECK(m.precision() == TimePrecision::day);
        CHECK(m.relative);
        const auto dated =
            only("Du 28 décembre au 3 janvier 2022, la ville a été bouclée.", Language::fr, std::nullopt);
        CHECK(dated.span == TimeSpan::days(ymd(2021, 12, 28), ymd(2022, 1, 3)));
        CHECK_FALSE(dated.relative);
        CHECK(only("Entre le 3 et le 5 mars 2021, les écoles ont fermé.", Language::fr, kFriday).span ==
              TimeSpan::days(ymd(2021, 3, 3), ymd(2021, 3, 5)));
        CHECK(only("Grève les 5\u20137 janvier 2022.", Language::fr, kFriday).span ==
              TimeSpan::days(ymd(2022, 1, 5), ymd(2022, 1, 7)));
    }
    SECTION("English") {
        CHECK(only("Schools closed from 5 to 7 January 2022.", Language::en, kFriday).span ==
              TimeSpan::days(ymd(2022, 1, 5), ymd(2022, 1, 7)));
        CHECK(only("Schools closed between March 3 and 5.", Language::en, ymd(2021, 3, 10)).span ==
              TimeSpan::days(ymd(2021, 3, 3), ymd(2021, 3, 5)));
        const std::string_view dash = "Clashes on 5-7 January 2022 left many hurt.";
        const auto m = only(dash, Language::en, kFriday);
        CHECK(covered(dash, m) == "5-7 January 2022");
        CHECK(m.span == TimeSpan::days(ymd(2022, 1, 5), ymd(2022, 1, 7)));
        CHECK(only("Clashes on March 3-5, 2021.", Language::en, kFriday).span ==
              TimeSpan::days(ymd(2021, 3, 3), ymd(2021, 3, 5)));
        CHECK(only("Roads were shut from Monday to Wednesday.", Language::en, kFriday).span ==
              TimeSpan::days(ymd(2022, 1, 3), ymd(2022, 1, 5)));
    }
    SECTION("Russian") {
        const std::string_view text = "Выставка прошла с 5 по 7 января 2022 года.";
        const auto m = only(text, Language::ru, std::nullopt);
        CHECK(covered(text, m) == "с 5 по 7 января 2022 года");
        CHECK(m.span == TimeSpan::days(ymd(2022, 1, 5), ymd(2022, 1, 7)));
        CHECK(only("Дороги закрыли со вторника по четверг.", Language::ru, kFriday).span ==
              TimeSpan::days(ymd(2022, 1, 4), ymd(2022, 1, 6)));
    }
    SECTION("not ranges") {
        CHECK(find("The toll rose from 5 to 7 overnight in the camp.", Language::en, kFriday).size() ==
              1);  // "overnight"
        CHECK(find("Le bilan est passé de 5 à 7 morts.", Language::fr, kFriday).empty());
        // A range that ends before it starts is two dates, not a range.
        const auto two = find("du 7 au 5 janvier", Language::fr, kFriday);
        REQUIRE(two.size() == 1);
        CHECK(two[0].kind == TimeKind::explicit_date);
    }
}

TEST_CASE("time expressions: relative weeks, months and years") {
    const auto week = only("La semaine dernière, la police a arrêté 40 personnes.", Language::fr, kFriday);
    CHECK(week.kind == TimeKind::relative_period);
    CHECK(week.precision() == TimePrecision::week);
    CHECK(week.span == TimeSpan::week(ymd(2021, 12, 27)));
    const auto month = only("Prices rose last month.", Language::en, kFriday);
    CHECK(month.precision() == TimePrecision::month);
    CHECK(month.span == TimeSpan::month(std::chrono::year(2021) / std::chrono::December));
    const auto year = only("В прошлом году протестов не было.", Language::ru, kFriday);
    CHECK(year.precision() == TimePrecision::year);
    CHECK(year.span == TimeSpan::year(std::chrono::year(2021)));
}

TEST_CASE("time expressions: without a publication date relative expressions stay unresolved") {
    for (const auto& [text, lang] :
         {std::pair{"jeudi soir", Language::fr}, std::pair{"hier", Language::fr},
          std::pair{"pendant la nuit", Language::fr}, std::pair{"en mars", Language::fr},
          std::pair{"du 5 au 7 janvier", Language::fr}, std::pair{"on Thursday", Language::en},
          std::pair{"last night", Language::en}, std::pair{"last week", Language::en},
          std::pair{"вчера вечером", Language::ru}, std::pair{"в ночь на четверг", Language::ru}}) {
        INFO(text);
        const auto m = only(text, lang, std::nullopt);
        CHECK(m.precision() == TimePrecision::unknown);
        CHECK(m.relative);
    }
    // What the text states fully does not need it.
    CHECK(only("12 mars 2021", Language::fr, std::nullopt).span == TimeSpan::day(ymd(2021, 3, 12)));
    CHECK(only("en 2019", Language::fr, std::nullopt).span == TimeSpan::year(std::chrono::year(2019)));
}

TEST_CASE("time expressions: offsets in bytes and code points, in text order") {
    const std::string_view ru = "Демонстрация прошла 12 марта 2020 года.";
    const auto m = only(ru, Language::ru, std::nullopt);
    CHECK(m.cp_begin == 20);  // "Демонстрация прошла " is 20 code points, 38 bytes
    CHECK(m.begin == 38);
    CHECK(m.cp_end == 38);  // "12 марта 2020 года" is 18 code points
    CHECK(m.end == m.begin + std::string_view("12 марта 2020 года").size());

    const std::string_view fr = "À Almaty, l'émeute a éclaté mercredi ; jeudi soir, l'armée est entrée.";
    const auto all = find(fr, Language::fr, kFriday);
    REQUIRE(all.size() == 2);
    CHECK(all[0].cp_begin == 28);
    CHECK(all[0].cp_end == 36);
    CHECK(covered(fr, all[0]) == "mercredi");
    CHECK(covered(fr, all[1]) == "jeudi soir");
    CHECK(all[1].cp_begin == 39);
    CHECK(all[0].end <= all[1].begin);
}

TEST_CASE("time expressions: lexicon files are checked line by line") {
    const std::string settings = "setting\twritten_dates\tday_month\nsetting\tnumeric_dates\tday_first\n";
    auto load = [&](std::string_view lines) {
        std::string text = settings;
        text += lines;
        return extract::TimeLexicon::from_file(extract::parse_lexicon_text(text, "time.tsv"));
    };
    auto message = [&](std::string_view lines) -> std::string {
        try {
            load(lines);
        } catch (const core::InputError& e) {
            return e.what();
        }
        return "no error";
    };

    SECTION("a minimal lexicon of its own") {
        const auto lexicon = load("weekday\tjeudi\t4\npart_of_day\tsoir\tevening\n");
        const std::string_view text = "jeudi soir";
        const auto tokens = gazetteer::tokenize(text);
        const auto found = extract::find_time_expressions(text, tokens, lexicon, kFriday);
        REQUIRE(found.size() == 1);
        CHECK(found[0].span == TimeSpan::part_of_day(ymd(2022, 1, 6), PartOfDay::evening));
    }
    SECTION("bad lines name FILE:LINE") {
        CHECK(message("moth\tmars\t3\n") == "time.tsv:3: unknown section 'moth'");
        CHECK(message("month\tmars\t13\n").starts_with("time.tsv:3: expected a whole number from 1 to 12"));
        CHECK(message("# comment\nweekday\tjeudi\tfour\n").starts_with("time.tsv:4: "));
        CHECK(message("relative_day\thier\t-1x\n").starts_with("time.tsv:3: "));
        CHECK(message("part_of_day\tsoir\tdusk\n").starts_with("time.tsv:3: unknown part of day"));
        CHECK(message("month\tmai\t5\tshouty\n").starts_with("time.tsv:3: unknown flag"));
        CHECK(message("relative_day\thier\n").starts_with("time.tsv:3: section 'relative_day' takes 3 to 4 fields"));
        CHECK(message("relative_day\tla veille\t-1\tstroy\n").starts_with("time.tsv:3: unknown flag (story)"));
        CHECK(message("relative_period\tl'an dernier\t-1\tdecade\n").starts_with("time.tsv:3: unknown period unit"));
        CHECK(
            message("relative_day\thier\t-1\nrelative_day\thier\t-2\n").starts_with("time.tsv:4: phrase listed twice"));
        CHECK(message("range_from\t, du\n").starts_with("time.tsv:3: a phrase must start and end"));
        CHECK(message("range_to\tet, le\n").starts_with("time.tsv:3: words of a phrase"));
        CHECK(message("ordinal_suffix\t1er\n").starts_with("time.tsv:3: an ordinal suffix"));
        CHECK(message("setting\tnumeric_dates\tmonth_first\n")
                  .starts_with("time.tsv:3: setting 'numeric_dates' given twice"));
        CHECK(message("setting\tcalendar\tjulian\n") == "time.tsv:3: unknown setting 'calendar'");
        CHECK_THROWS_AS(extract::TimeLexicon::from_file(extract::parse_lexicon_text("month\tmars\t3\n", "time.tsv")),
                        core::InputError);
    }
    SECTION("the shipped lexicons load") {
        for (const auto lang : {Language::fr, Language::en, Language::ru})
            CHECK_NOTHROW(extract::TimeLexicon::load(lang));
    }
}
