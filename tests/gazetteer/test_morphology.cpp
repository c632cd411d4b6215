// The language's morphology from its Hunspell dictionary, and what the geoparser makes of it in Russian.

#include "gazetteer/geoparser.hpp"
#include "gazetteer/morphology.hpp"

#include "core/error.hpp"

#include "default_index.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <map>

using namespace incidentmap;
using namespace incidentmap::gazetteer;

namespace {
std::map<std::string, std::string> ids(std::string_view text) {
    std::map<std::string, std::string> out;
    for (const auto& m : testing::default_parser().parse(text, "ru")) out[m.text] = m.id;
    return out;
}
bool has(const std::vector<std::string>& v, const std::string& s) { return std::find(v.begin(), v.end(), s) != v.end(); }
}  // namespace

TEST_CASE("morphology: lemmas, proper nouns and ordinary words from the Russian dictionary", "[gazetteer][morphology]") {
    const Morphology ru("ru_RU");
    const WordAnalysis& china = ru.analyse("Китая");
    CHECK(has(china.lemmas, "Китай"));
    CHECK(china.proper);
    CHECK_FALSE(china.only_ordinary());
    CHECK(has(ru.analyse("Белоруссии").lemmas, "Белоруссия"));
    CHECK(ru.analyse("Кроме").only_ordinary());
    CHECK(ru.analyse("Граждане").only_ordinary());
    const WordAnalysis& both = ru.analyse("Якобы");  // the adverb, and a man's name
    CHECK(both.ordinary);
    CHECK(both.proper);
    CHECK_FALSE(ru.analyse("Обамы").known());  // not in the dictionary
    CHECK_FALSE(ru.analyse(std::string(300, 'x')).known());
}

TEST_CASE("morphology: a missing dictionary is an error of the installation naming its file", "[gazetteer][morphology]") {
    const Morphology none("xx_XX");
    CHECK_THROWS_AS(none.analyse("word"), core::Error);
    CHECK_THROWS_WITH(none.analyse("word"), Catch::Contains("xx_XX.aff"));
}

TEST_CASE("Russian: inflected countries through their lemmas, abbreviations, short names", "[gazetteer][geoparse][morphology]") {
    auto found = ids("Поставки из Китая и Израиля выросли. Самолёт вылетел из Белоруссии. ФРГ и КНР подписали "
                           "договор, а Минфин РФ его одобрил.");
    CHECK(found["Китая"] == "country:CN");
    CHECK(found["Израиля"] == "country:IL");
    CHECK(found["Белоруссии"] == "country:BY");
    CHECK(found["ФРГ"] == "country:DE");
    CHECK(found["КНР"] == "country:CN");
    CHECK(found["РФ"] == "country:RU");
}

TEST_CASE("former states, unrecognised states and regions without an outline, by name and abbreviation", "[gazetteer][geoparse]") {
    auto found = ids("Он уехал в СССР в 1937 году, после распада Советского Союза вернулся в Подмосковье. "
                     "Представители ДНР прибыли на Сахалин.");
    CHECK(found["СССР"] == "region:soviet-union");
    CHECK(found["Советского Союза"] == "region:soviet-union");
    CHECK(found["Подмосковье"] == "admin1:RU.47");
    CHECK(found["ДНР"] == "region:donetsk-peoples-republic");
    CHECK(found["Сахалин"] == "region:sakhalin");
    // A lower-case noun of a region's name ("империи", "полуострове"); a plural name that is an ordinary word's form.
    found = ids("Крымские татары переселились на территорию Османской империи. Встреча на Корейском полуострове "
                "прошла спокойно. Его арестовали в Эмиратах.");
    CHECK(found["Османской империи"] == "region:ottoman-empire");
    CHECK(found["Корейском полуострове"] == "region:korean-peninsula");
    CHECK(found["Эмиратах"] == "country:AE");
    std::map<std::string, std::string> en;
    for (const auto& m : testing::default_parser().parse("He left the USSR for East Germany in 1961.", "en")) en[m.text] = m.id;
    CHECK(en["USSR"] == "region:soviet-union");
    CHECK(en["East Germany"] == "region:east-germany");
}

TEST_CASE("Russian: a descriptive phrase in the plural names no one building", "[gazetteer][geoparse][morphology]") {
    auto found = ids("В Алматы протестующие ворвались в здание городской администрации.");
    CHECK(found.contains("здание городской администрации"));
    found = ids("В Алматы курить запретят на вокзалах и в аэропортах.");
    CHECK_FALSE(found.contains("вокзалах"));
    CHECK_FALSE(found.contains("аэропортах"));
}

TEST_CASE("Russian: ordinary words are no places and make no one's name", "[gazetteer][geoparse][morphology]") {
    auto found = ids("Кроме того, власти ждут. Такой подход одобрили не все. Граждане Италии голосовали в воскресенье. "
                     "Вчера премьер-министр Индии посетил Непал, а делегаты ФИДЕ и НАТО собрались в Брюсселе.");
    CHECK_FALSE(found.contains("Кроме"));
    CHECK_FALSE(found.contains("Такой"));
    CHECK(found["Италии"] == "country:IT");  // "Граждане" opens the sentence: an ordinary word, not a first name
    CHECK(found["Индии"] == "country:IN");   // a title's country, not a person's surname
    CHECK(found["Непал"] == "country:NP");
    CHECK_FALSE(found.contains("ФИДЕ"));  // acronyms that only resemble a place's name (Fiji; a town called Nato)
    CHECK_FALSE(found.contains("НАТО"));
    CHECK(found.contains("Брюсселе"));
}

TEST_CASE("first names: before a surname or alone they name a person, not a town", "[gazetteer][geoparse]") {
    auto ru = ids("Владимир Королёв рассказал об этом в Твери. Марк рассказал журналистам о забастовке. Министр А. Соколов "
                  "заявил, что Соколов не уйдёт.");
    CHECK_FALSE(ru.contains("Владимир"));  // the city of Vladimir, were it alone
    CHECK_FALSE(ru.contains("Королёв"));   // a city near Moscow, here a surname
    CHECK_FALSE(ru.contains("Марк"));
    CHECK_FALSE(ru.contains("Соколов"));   // a town, here after an initial and then the same man
    CHECK(ru["Твери"] == "geonames:480060");
    std::map<std::string, std::string> en;
    for (const auto& m : testing::default_parser().parse(
             "Marion Cotillard arrived in Cannes. Relatives came from Hugo, Oklahoma, and the Florida Senator spoke. "
             "The U.S. Army flew aid to Port-au-Prince.", "en"))
        en[m.text] = m.id;
    CHECK_FALSE(en.contains("Marion"));
    CHECK(en.contains("Cannes"));
    CHECK(en.contains("Hugo"));     // a first name, but qualified by its state
    CHECK(en.contains("Florida"));  // before a title, not a surname
    CHECK(en.contains("U.S."));     // capitals with stops are no initial
    CHECK(en["Port-au-Prince"] == "geonames:3718426");  // a short word between hyphens belongs to the name
}

TEST_CASE("English and French: a capitalised ordinary word opening a sentence makes no one's name", "[gazetteer][geoparse][morphology]") {
    const Morphology en("en_US");
    CHECK(en.analyse("Hydro").only_ordinary());
    CHECK(en.analyse("Liberal").proper);  // also the party's name
    CHECK(en.analyse("Officials").only_ordinary());
    CHECK(en.analyse("Paris").proper);
    const Morphology fr("fr_FR");
    CHECK(fr.analyse("Pendant").only_ordinary());
    std::map<std::string, std::string> found;
    for (const auto& m : testing::default_parser().parse("Officials Madrid sent were late. Hydro said the dam was safe.", "en"))
        found[m.text] = m.id;
    CHECK(found.contains("Madrid"));  // "Officials" opens the sentence: an ordinary word, no first name
    CHECK_FALSE(found.contains("Hydro"));  // Hydro, Oklahoma: an ordinary word is weak evidence of a place
}

TEST_CASE("a name the gazetteer writes in capitals is met only by capitals", "[gazetteer][geoparse]") {
    auto found = ids("Сам министр приехал в США.");
    CHECK_FALSE(found.contains("Сам"));  // "SAM" is one of the United States' names in the gazetteer
    CHECK(found["США"] == "country:US");
}

TEST_CASE("Russian: a title's region before its holder's name, a spelling variant keeps its words", "[gazetteer][geoparse]") {
    auto found = ids("Вчера глава Татарстана Рустам Минниханов открыл завод. Отчёт Бюро США по переписи вышел в среду.");
    CHECK(found.contains("Татарстана"));         // the title's region, though a name follows it
    CHECK(found["США"] == "country:US");        // not "Бюро США" as a spelling of Buros, in France
    CHECK_FALSE(found.contains("Бюро США"));
    // An inflected title, a city that stands on its own, and the title-holder's name after it.
    found = ids("Он обсудил это с врио мэра Москвы Сергеем Собяниным.");
    CHECK(found["Москвы"] == "geonames:524901");
    // A noun that only begins like a feature noun ("площадках", sites; "площадь", square) opens no feature's name.
    found = ids("Акции упали на фондовых площадках США.");
    CHECK(found["США"] == "country:US");
}

TEST_CASE("natural features named with their generic noun in lower case", "[gazetteer][geoparse]") {
    std::map<std::string, std::string> fr;
    for (const auto& m : testing::default_parser().parse("Un pétrolier a coulé en mer Caspienne, loin du golfe Persique. "
                                                          "Ils sont partis en mer.", "fr"))
        fr[m.text] = m.id;
    CHECK(fr["mer Caspienne"] == "region:caspian-sea");
    CHECK(fr["golfe Persique"] == "region:persian-gulf");
    CHECK_FALSE(fr.contains("mer"));  // the noun alone names nothing
    auto ru = ids("Сухогруз затонул в Чёрном море, танкер стоит у Персидского залива.");
    CHECK(ru["Чёрном море"] == "region:black-sea");
    CHECK(ru["Персидского залива"] == "region:persian-gulf");
}

TEST_CASE("Russian: plural names in their cases", "[gazetteer][geoparse][morphology]") {
    auto found = ids("Поставки из Нидерландов и Соединённых Штатов выросли, а в Соединённых Штатах их ждут.");
    CHECK(found["Нидерландов"] == "country:NL");  // the dictionary has the form but no lemma for it
    CHECK(found["Соединённых Штатов"] == "country:US");
    CHECK(found["Соединённых Штатах"] == "country:US");
}

TEST_CASE("adjectives of places below a country stand for the place, reported with demonyms", "[gazetteer][geoparse]") {
    ResolveOptions with;
    with.demonyms = true;
    std::map<std::string, std::string> ru, fr;
    for (const auto& m : testing::default_parser().parse("Отставка подмосковного губернатора обсуждалась в Твери.", "ru", with))
        ru[m.text] = m.id;
    CHECK(ru["подмосковного"] == "admin1:RU.47");
    for (const auto& m : testing::default_parser().parse("Les policiers lyonnais ont chargé.", "fr", with)) fr[m.text] = m.id;
    CHECK(fr["lyonnais"] == "geonames:2996944");
    // Without the option, adjectives are evidence, not mentions.
    for (const auto& m : testing::default_parser().parse("Les policiers lyonnais ont chargé.", "fr")) CHECK(m.text != "lyonnais");
}
