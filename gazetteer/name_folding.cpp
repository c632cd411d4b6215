#include "gazetteer/name_folding.hpp"

#include "core/error.hpp"

#include <cctype>

#include <unicode/translit.h>
#include <unicode/uclean.h>
#include <unicode/unistr.h>
#include <unicode/uversion.h>

namespace incidentmap::gazetteer {

NameFolder::NameFolder() {
    UErrorCode status = U_ZERO_ERROR;
    to_ascii_.reset(icu::Transliterator::createInstance("Any-Latin; Latin-ASCII", UTRANS_FORWARD, status));
    if (U_FAILURE(status) || !to_ascii_)
        throw core::Error(std::string("ICU: cannot create the Any-Latin; Latin-ASCII transliterator: ") + u_errorName(status));
}

NameFolder::~NameFolder() = default;
NameFolder::NameFolder(NameFolder&&) noexcept = default;
NameFolder& NameFolder::operator=(NameFolder&&) noexcept = default;

std::string NameFolder::fold(std::string_view utf8) const {
    bool ascii = true;
    for (unsigned char c : utf8) ascii &= c < 0x80;
    std::string latin;
    if (ascii) {
        latin.assign(utf8);  // the common case skips ICU entirely
    } else {
        icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
        to_ascii_->transliterate(u);
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
        } else if (c == '\'' && !out.empty() && i + 1 < latin.size() && std::isalnum(static_cast<unsigned char>(latin[i + 1]))) {
            continue;  // an apostrophe inside a word joins it: d'Ivoire -> divoire
        } else {
            pending_space = true;
        }
    }
    return out;
}

std::string icu_version() {
    UVersionInfo v;
    u_getVersion(v);
    char buf[U_MAX_VERSION_STRING_LENGTH];
    u_versionToString(v, buf);
    return std::string("ICU ") + buf;
}

}  // namespace incidentmap::gazetteer
