// incidentmap geoparse: place mentions of a news text, resolved in context (gazetteer::Geoparser).
//
// One text (a file or stdin) in text, JSON or GeoJSON, or --batch: NDJSON requests on stdin
// ({"id", "text", "lang", "published"}), one answer line per request, in order. A request that cannot be read
// gets {"id": ..., "error": "..."} and the batch goes on.

#include "cli/command.hpp"
#include "cli/exit_codes.hpp"
#include "core/error.hpp"
#include "extract/language.hpp"
#include "gazetteer/gazetteer.hpp"
#include "gazetteer/geoparser.hpp"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <sstream>

namespace incidentmap::cli {

namespace {

struct GeoparseArgs {
    std::string input;
    bool batch = false;
    std::string lang;
    std::string published;
    std::string format = "text";
    bool demonyms = false;
    std::string index;
};

// Replaces every invalid UTF-8 sequence by U+FFFD (one per byte); returns how many bytes were replaced.
std::size_t make_valid_utf8(std::string& s) {
    std::string out;
    std::size_t bad = 0;
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    const std::size_t n = s.size();
    std::size_t i = 0;
    auto valid_seq = [&](std::size_t at) -> std::size_t {
        const unsigned char c = p[at];
        if (c < 0x80) return 1;
        std::size_t len = 0;
        unsigned int cp = 0;
        if ((c & 0xE0) == 0xC0) len = 2, cp = c & 0x1F;
        else if ((c & 0xF0) == 0xE0) len = 3, cp = c & 0x0F;
        else if ((c & 0xF8) == 0xF0) len = 4, cp = c & 0x07;
        else return 0;
        if (at + len > n) return 0;
        for (std::size_t k = 1; k < len; ++k) {
            if ((p[at + k] & 0xC0) != 0x80) return 0;
            cp = (cp << 6) | (p[at + k] & 0x3F);
        }
        if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
            (cp >= 0xD800 && cp <= 0xDFFF))
            return 0;
        return len;
    };
    bool changed = false;
    while (i < n) {
        const std::size_t len = valid_seq(i);
        if (len == 0) {
            if (!changed) out.assign(s, 0, i), changed = true;
            out += "\xEF\xBF\xBD";
            ++bad;
            ++i;
        } else {
            if (changed) out.append(s, i, len);
            i += len;
        }
    }
    if (changed) s = std::move(out);
    return bad;
}

std::string language_of(const std::string& given, std::string_view text) {
    if (!given.empty()) {
        if (!extract::parse_language(given)) throw core::InputError("--lang", "expected fr, en or ru, got '" + given + "'");
        return given;
    }
    const auto detected = extract::detect_language(text);
    return detected ? std::string(extract::to_string(*detected)) : "en";
}

bool valid_date(const std::string& d) {
    if (d.size() != 10 || d[4] != '-' || d[7] != '-') return false;
    for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
        if (d[i] < '0' || d[i] > '9') return false;
    const int month = std::stoi(d.substr(5, 2)), day = std::stoi(d.substr(8, 2));
    return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

double round6(double x) { return std::round(x * 1e6) / 1e6; }

nlohmann::json mention_json(const gazetteer::ResolvedMention& m) {
    nlohmann::json j{{"span", {m.cp_begin, m.cp_end}},
                     {"text", m.text},
                     {"lat", round6(m.location.lat_deg())},
                     {"lon", round6(m.location.lon_deg())},
                     {"name", m.name},
                     {"kind", m.place_class},
                     {"country", m.country}};
    if (m.id.starts_with("geonames:")) j["geonameid"] = std::stoll(m.id.substr(9));
    else if (m.id.starts_with("osm:")) j["osm_id"] = m.id.substr(4);
    else j["place_id"] = m.id;
    j["precision_m"] = std::round(m.precision.value());
    j["confidence"] = m.confidence;
    j["mention"] = gazetteer::to_string(m.mention_kind);
    j["why"] = m.why;
    return j;
}

std::string dump(const nlohmann::json& j) { return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace); }

int run_batch(const gazetteer::Geoparser& parser, const GeoparseArgs& args) {
    std::ios::sync_with_stdio(false);
    std::string line;
    std::size_t line_no = 0;
    std::string out;
    while (std::getline(std::cin, line)) {
        ++line_no;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.find_first_not_of(" \t") == std::string::npos) continue;
        nlohmann::json answer;
        nlohmann::json id = nullptr;
        try {
            const std::size_t bad = make_valid_utf8(line);
            nlohmann::json req;
            try {
                req = nlohmann::json::parse(line);
            } catch (const nlohmann::json::parse_error& e) {
                throw core::InputError("line " + std::to_string(line_no), std::string("not a JSON object: ") + e.what());
            }
            if (!req.is_object()) throw core::InputError("line " + std::to_string(line_no), "not a JSON object");
            if (req.contains("id")) id = req["id"];
            answer["id"] = id;
            if (!req.contains("text") || !req["text"].is_string())
                throw core::InputError("line " + std::to_string(line_no), "the request has no \"text\" string");
            const std::string& text = req["text"].get_ref<const std::string&>();
            std::string lang = args.lang;
            if (req.contains("lang") && req["lang"].is_string()) lang = req["lang"].get<std::string>();
            if (!lang.empty() && !extract::parse_language(lang)) {
                answer["warning"] = "unknown language '" + lang + "': detected instead";
                lang.clear();
            }
            lang = language_of(lang, text);
            gazetteer::ResolveOptions options;
            options.demonyms = args.demonyms || (req.contains("demonyms") && req["demonyms"].is_boolean() && req["demonyms"].get<bool>());
            nlohmann::json mentions = nlohmann::json::array();
            for (const auto& m : parser.parse(text, lang, options)) mentions.push_back(mention_json(m));
            answer["lang"] = lang;
            answer["mentions"] = std::move(mentions);
            if (bad) answer["warning"] = "invalid UTF-8: " + std::to_string(bad) + " byte(s) replaced by U+FFFD";
        } catch (const std::exception& e) {
            answer = nlohmann::json{{"id", id}, {"error", e.what()}};
        }
        out = dump(answer);
        out += '\n';
        std::fwrite(out.data(), 1, out.size(), stdout);
    }
    std::fflush(stdout);
    return kExitSuccess;
}

int run_geoparse(const GeoparseArgs& args) {
    if (!args.published.empty() && !valid_date(args.published))
        throw core::InputError("--published", "expected YYYY-MM-DD, got '" + args.published + "'");
    const auto g = gazetteer::Gazetteer::open(args.index.empty() ? gazetteer::Gazetteer::default_path() : std::filesystem::path(args.index));
    const gazetteer::Geoparser parser(g);
    if (args.batch) return run_batch(parser, args);
    if (args.input.empty()) throw core::InputError("geoparse", "give a FILE, '-' for stdin, or --batch");

    std::string text;
    if (args.input == "-") {
        text.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
    } else {
        std::ifstream in(args.input, std::ios::binary);
        if (!in) throw core::InputError(args.input, "cannot open the file");
        text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
    if (const std::size_t bad = make_valid_utf8(text))
        std::cerr << "incidentmap: " << args.input << ": invalid UTF-8: " << bad << " byte(s) replaced by U+FFFD\n";
    const std::string lang = language_of(args.lang, text);
    gazetteer::ResolveOptions options;
    options.demonyms = args.demonyms;
    const auto found = parser.parse(text, lang, options);

    if (args.format == "json") {
        nlohmann::json j{{"lang", lang}, {"mentions", nlohmann::json::array()}};
        if (!args.published.empty()) j["published"] = args.published;
        for (const auto& m : found) j["mentions"].push_back(mention_json(m));
        std::cout << j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    } else if (args.format == "geojson") {
        nlohmann::json fc{{"type", "FeatureCollection"}, {"features", nlohmann::json::array()}};
        for (const auto& m : found) {
            nlohmann::json props = mention_json(m);
            props.erase("lat");
            props.erase("lon");
            fc["features"].push_back({{"type", "Feature"},
                                      {"geometry", {{"type", "Point"}, {"coordinates", {round6(m.location.lon_deg()), round6(m.location.lat_deg())}}}},
                                      {"properties", props}});
        }
        std::cout << fc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    } else {
        for (const auto& m : found)
            std::printf("%6u-%-6u %-32s -> %-28s %-12s %-2s %9.5f %10.5f  ±%.0f m  conf %.2f  %s\n", m.cp_begin, m.cp_end,
                        m.text.c_str(), m.name.c_str(), m.place_class.c_str(), m.country.c_str(), m.location.lat_deg(),
                        m.location.lon_deg(), m.precision.value(), m.confidence, m.why.c_str());
        if (found.empty()) std::printf("no places found (language %s)\n", lang.c_str());
    }
    return kExitSuccess;
}

}  // namespace

Command add_geoparse_command(CLI::App& root) {
    auto args = std::make_shared<GeoparseArgs>();
    CLI::App* app = root.add_subcommand("geoparse", "Find the places a news text mentions and resolve them in context");
    app->add_option("input", args->input, "Text file (UTF-8), or - for stdin");
    app->add_flag("--batch", args->batch, "NDJSON requests on stdin ({\"id\",\"text\",\"lang\",\"published\"}), one answer line each");
    app->add_option("--lang", args->lang, "Language of the text: fr, en or ru (default: detected)")
        ->check(CLI::IsMember({"fr", "en", "ru"}));
    app->add_option("--published", args->published, "Publication date, YYYY-MM-DD");
    app->add_option("--format", args->format, "text, json or geojson")->capture_default_str()->check(CLI::IsMember({"text", "json", "geojson"}));
    app->add_flag("--demonyms", args->demonyms, "Also report demonyms and adjectives (\"Turkish\") as their country");
    app->add_option("--index", args->index, "Gazetteer index (default: the embedded index beside the executable)");
    return {app, [args] { return run_geoparse(*args); }};
}

}  // namespace incidentmap::cli
