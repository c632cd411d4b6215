#include "gazetteer/name_folding.hpp"

#include "core/error.hpp"

#include <cctype>

#include <unicode/translit.h>
#include <unicode/uclean.h>
#include <unicode/unistr.h>
#include <unicode/uversion.h>

namespace incidentmap::gazetteer {

namespace {

std::unique_ptr<icu::Transliterator> make(const char* id) {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Transliterator> t(icu::Transliterator::createInstance(id, UTRANS_FORWARD, status));
    if (U_FAILURE(status) || !t)
        throw core::Error(std::string("ICU: cannot create the transliterator '") + id + "': " + u_errorName(status));
    return t;
}

enum class Script { ascii, latin, other };

// Latin-only text (up to Latin Extended-B and the combining marks) needs only diacritics stripped.
Script script_of(std::string_view s) {
    Script script = Script::ascii;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) continue;
        // Lead bytes 0xC2..0xC9 cover U+0080..U+027F, 0xCC..0xCD the combining marks U+0300..U+036F.
        if ((c >= 0xC2 && c <= 0xC9) || c == 0xCC || c == 0xCD) script = Script::latin;
        else if (c >= 0xC0) return Script::other;
    }
    return script;
}

}  // namespace

NameFolder::NameFolder() = default;
NameFolder::~NameFolder() = default;
NameFolder::NameFolder(NameFolder&&) noexcept = default;
NameFolder& NameFolder::operator=(NameFolder&&) noexcept = default;

std::string NameFolder::fold(std::string_view utf8) const {
    std::string latin;
    if (const Script script = script_of(utf8); script == Script::ascii) {
        latin.assign(utf8);  // the common case skips ICU entirely
    } else {
        icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
        auto& t = script == Script::latin ? latin_to_ascii_ : any_to_ascii_;
        if (!t) t = make(script == Script::latin ? "Latin-ASCII" : "Russian-Latin/BGN; Kazakh-Latin/BGN; Any-Latin; Latin-ASCII");
        t->transliterate(u);
        u.toUTF8String(latin);
    }
    std::string out;
    out.reserve(latin.size());
    bool pending_space = false;
    for (std::size_t i = 0; i < latin.size(); ++i) {
        const char c = latin[i];
        const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        if (alnum) {
            if (pending_space && !out.empty()) out.push_back(' ');
            pending_space = false;
            out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
        } else if ((c == '\'' || c == '`') && !out.empty() && !pending_space && i + 1 < latin.size() &&
                   std::isalnum(static_cast<unsigned char>(latin[i + 1]))) {
            continue;  // an apostrophe (or BGN's soft-sign mark) inside a word joins it: d'Ivoire -> divoire
        } else {
            pending_space = true;
        }
    }
    return out;
}

std::string skeleton(std::string_view f) {
    auto is_vowel = [](char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y'; };
    auto starts = [&](std::size_t i, std::string_view p) { return f.substr(i, p.size()) == p; };
    std::string out;
    out.reserve(f.size());
    bool word_start = true;
    for (std::size_t i = 0; i < f.size();) {
        const char c = f[i];
        if (c == ' ') {
            word_start = true;
            ++i;
            continue;
        }
        char emit = c;
        std::size_t used = 1;
        if (starts(i, "shch")) emit = 's', used = 4;
        else if (starts(i, "tch") || starts(i, "sch")) emit = 's', used = 3;
        else if (starts(i, "dzh")) emit = 'j', used = 3;
        else if (starts(i, "zh") || starts(i, "dj")) emit = 'j', used = 2;
        else if (starts(i, "sh") || starts(i, "ch") || starts(i, "ts")) emit = 's', used = 2;
        else if (starts(i, "kh") || starts(i, "ck")) emit = 'k', used = 2;
        else if (starts(i, "gh")) emit = 'g', used = 2;
        else if (starts(i, "ph")) emit = 'f', used = 2;
        else if (starts(i, "ou")) emit = 'u', used = 2;
        else if (c == 'q') emit = 'k';
        else if (c == 'w') emit = 'v';
        else if (c == 'y') emit = 'i';
        if (word_start && (c == 'y' || c == 'i') && i + 1 < f.size() && is_vowel(f[i + 1]) && f[i + 1] != 'i') {
            i += 1;  // Yekaterinburg / Ekaterinburg, Iaroslavl / Yaroslavl: drop the glide at the word start
            word_start = false;
            continue;
        }
        word_start = false;
        if (out.empty() || out.back() != emit) out.push_back(emit);  // doubled letters collapse
        i += used;
    }
    return out;
}

bool in_transliterated_script(std::string_view name) {
    if (name.empty()) return false;
    const auto c = static_cast<unsigned char>(name[0]);
    if (c < 0x80) return false;
    if (c < 0xE0) return c >= 0xD6 && !(c == 0xD6 && name.size() > 1 && static_cast<unsigned char>(name[1]) < 0x90);
    return true;
}

std::string icu_version() {
    UVersionInfo v;
    u_getVersion(v);
    char buf[U_MAX_VERSION_STRING_LENGTH];
    u_versionToString(v, buf);
    return std::string("ICU ") + buf;
}

}  // namespace incidentmap::gazetteer
