#include "cli/commands/text_requests.hpp"

#include <CLI/CLI.hpp>

#include "cli/exit_codes.hpp"

#include "core/error.hpp"
#include "core/time_span.hpp"
#include "core/language.hpp"
#include "core/utf8.hpp"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>

namespace incidentmap::cli {

using core::make_valid_utf8;

std::string language_of(const std::string& given, std::string_view text) {
    if (!given.empty()) {
        if (!core::parse_language(given)) throw core::InputError("--lang", "expected fr, en or ru, got '" + given + "'");
        return given;
    }
    const auto detected = core::detect_language(text);
    return detected ? std::string(core::to_string(*detected)) : "en";
}

namespace {

std::string describe_bytes(std::size_t n) {
    if (n % (1u << 20) == 0) return std::to_string(n >> 20) + " MiB";
    return std::to_string(n) + " bytes";
}

// Appends at most `max` bytes of `in` to `out`; true when the stream held more.
bool read_bounded(std::istream& in, std::string& out, std::size_t max) {
    char buf[1 << 16];
    while (in) {
        in.read(buf, sizeof buf);
        const auto got = static_cast<std::size_t>(in.gcount());
        if (out.size() + got > max) {
            out.append(buf, max - out.size());
            return true;
        }
        out.append(buf, got);
    }
    return false;
}

}  // namespace

std::string read_text_input(const std::string& input, std::size_t max_bytes) {
    std::string text;
    const std::string too_big = "larger than the limit of " + describe_bytes(max_bytes) + " (--max-bytes raises it)";
    if (input == "-") {
        if (read_bounded(std::cin, text, max_bytes)) throw core::InputError("stdin", too_big);
    } else {
        std::error_code ec;
        if (std::filesystem::is_directory(input, ec)) throw core::InputError(input, "is a directory, not a text file");
        std::ifstream in(input, std::ios::binary);
        if (!in) throw core::InputError(input, "cannot open the file");
        if (read_bounded(in, text, max_bytes)) throw core::InputError(input, too_big);
        if (in.bad()) throw core::InputError(input, "reading the file failed");
    }
    if (const std::size_t bad = make_valid_utf8(text))
        std::cerr << "incidentmap: " << input << ": invalid UTF-8: " << bad << " byte(s) replaced by U+FFFD\n";
    return text;
}

void add_max_bytes_option(CLI::App& app, std::size_t& max_bytes) {
    app.add_option("--max-bytes", max_bytes, "The most one text or one batch request may hold, in bytes (default 64 MiB)")
        ->check(CLI::PositiveNumber);
}

namespace {
// News is published between these years: a date outside them is a mistake (0000-01-01 would date "yesterday" in
// year -1, which no output format can hold).
constexpr int kFirstPublishedYear = 1900, kLastPublishedYear = 2100;

// The publication day `value` names, or why it names none.
std::optional<std::chrono::year_month_day> publication_day(const std::string& value, std::string& why) {
    const auto day = core::parse_iso_date(value);
    if (!day) {
        why = "expected a date YYYY-MM-DD, got '" + value + "'";
        return std::nullopt;
    }
    if (const int y = static_cast<int>(day->year()); y < kFirstPublishedYear || y > kLastPublishedYear) {
        why = "the date " + value + " is not between " + std::to_string(kFirstPublishedYear) + " and " +
              std::to_string(kLastPublishedYear);
        return std::nullopt;
    }
    return day;
}
}  // namespace

std::optional<std::chrono::year_month_day> published_option(const std::string& value) {
    if (value.empty()) return std::nullopt;
    std::string why;
    const auto day = publication_day(value, why);
    if (!day) throw core::InputError("--published", why);
    return day;
}

std::string dump_json(const nlohmann::json& j, int indent) {
    return j.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

namespace {
// The next line of `in` into `line` (without its '\n'), holding at most `max` bytes of it: a longer line is read to
// its end and dropped, and `too_long` set. False at the end of the stream.
bool read_line_bounded(std::istream& in, std::string& line, std::size_t max, bool& too_long) {
    line.clear();
    too_long = false;
    std::streambuf* sb = in.rdbuf();
    bool any = false;
    for (int c = sb->sbumpc(); c != std::char_traits<char>::eof(); c = sb->sbumpc()) {
        any = true;
        if (c == '\n') return true;
        if (too_long) continue;
        if (line.size() >= max) {
            too_long = true;
            line.clear();
            line.shrink_to_fit();
            continue;
        }
        line.push_back(static_cast<char>(c));
    }
    return any;
}
}  // namespace

int run_text_batch(const std::string& default_lang, const std::string& default_published, std::size_t max_bytes,
                   const std::function<void(const TextRequest&, nlohmann::json& answer)>& answer_request) {
    std::ios::sync_with_stdio(false);
    const auto command_published = published_option(default_published);
    std::string line;
    std::size_t line_no = 0;
    std::string out;
    std::string raw_members;
    bool too_long = false;
    while (read_line_bounded(std::cin, line, max_bytes, too_long)) {
        ++line_no;
        if (too_long) {
            out = dump_json(nlohmann::json{{"id", nullptr},
                                           {"error", "line " + std::to_string(line_no) + ": the request is larger than the limit of " +
                                                         describe_bytes(max_bytes) + " (--max-bytes raises it)"}});
            out += '\n';
            std::fwrite(out.data(), 1, out.size(), stdout);
            if (std::ferror(stdout)) return cli::kExitFailure;
            continue;
        }
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.find_first_not_of(" \t") == std::string::npos) continue;
        std::string where = "line ";
        where += std::to_string(line_no);
        nlohmann::json answer;
        nlohmann::json id = nullptr;
        try {
            const std::size_t bad = make_valid_utf8(line);
            nlohmann::json req;
            try {
                req = nlohmann::json::parse(line);
            } catch (const nlohmann::json::parse_error& e) {
                // The parser quotes what it last read, which for an unterminated string is the rest of the line:
                // say where it stopped, and quote no more than a few dozen bytes of it.
                std::string what = e.what();
                if (const auto at = what.find("; last read: '"); at != std::string::npos) {
                    const std::size_t quote = at + 14, close = what.rfind('\'');
                    if (close != std::string::npos && close > quote && close - quote > 60)
                        what = what.substr(0, quote) + what.substr(quote, 30) + "..." + what.substr(close - 20);
                }
                throw core::InputError(where, "not a JSON object (at byte " + std::to_string(e.byte) + "): " + what);
            } catch (const nlohmann::json::exception& e) {  // a number too large for a double ("1e999999")
                throw core::InputError(where, std::string("not a JSON object: ") + e.what());
            }
            if (!req.is_object()) throw core::InputError(where, "not a JSON object");
            if (req.contains("id")) id = req["id"];
            answer["id"] = id;
            if (!req.contains("text") || !req["text"].is_string()) throw core::InputError(where, "the request has no \"text\" string");
            TextRequest request;
            request.json = &req;
            struct ClearRaw {  // the handler's raw members leave with the request, whatever happens
                std::string& raw;
                const TextRequest& request;
                ~ClearRaw() { raw = std::move(request.raw_members); }
            } keep{raw_members, request};
            request.text = req["text"].get<std::string>();
            std::string lang = default_lang;
            if (req.contains("lang") && req["lang"].is_string()) lang = req["lang"].get<std::string>();
            if (!lang.empty() && !core::parse_language(lang)) {
                answer["warning"] = "unknown language '" + lang + "': detected instead";
                lang.clear();
            }
            request.lang = language_of(lang, request.text);
            request.published = command_published;
            // A publication date that cannot be read is reported and left out: the text is still answered, with
            // relative dates unresolved.
            std::string published_warning;
            if (req.contains("published") && req["published"].is_string()) {
                const std::string value = req["published"].get<std::string>();
                std::string why;
                request.published = publication_day(value, why);
                if (!request.published) published_warning = "\"published\": " + why + ": relative dates left unresolved";
            }
            answer["lang"] = request.lang;
            answer_request(request, answer);
            std::string warning = answer.value("warning", std::string());
            auto warn = [&](const std::string& w) {
                if (!warning.empty()) warning += "; ";
                warning += w;
            };
            if (!published_warning.empty()) warn(published_warning);
            if (bad) warn("invalid UTF-8: " + std::to_string(bad) + " byte(s) replaced by U+FFFD");
            if (!warning.empty()) answer["warning"] = warning;
        } catch (const std::exception& e) {
            answer = nlohmann::json{{"id", id}, {"error", e.what()}};
        }
        out = dump_json(answer);
        if (!raw_members.empty() && !answer.contains("error")) {
            // Written in place after the other members: a long text's raw members are not copied again.
            out.pop_back();  // the closing brace
            if (!answer.empty()) out += ',';
            std::fwrite(out.data(), 1, out.size(), stdout);
            std::fwrite(raw_members.data(), 1, raw_members.size(), stdout);
            out = "}";
        }
        raw_members.clear();
        raw_members.shrink_to_fit();
        out += '\n';
        std::fwrite(out.data(), 1, out.size(), stdout);
        if (std::ferror(stdout)) return cli::kExitFailure;  // the answers cannot be written: stop reading (the caller says why)
    }
    std::fflush(stdout);
    return 0;
}

}  // namespace incidentmap::cli
