#include "viewer/fonts.hpp"

#include <filesystem>

namespace incidentmap::viewer {

namespace {

const char* const kFontDirs[] = {"/usr/share/fonts/truetype/dejavu/", "/usr/share/fonts/TTF/", "/usr/share/fonts/dejavu/"};

const ImWchar kRanges[] = {
    0x0020, 0x024F,  // Basic Latin, Latin-1 Supplement, Latin Extended-A and B
    0x0300, 0x036F,  // combining diacritics (decomposed names)
    0x0400, 0x052F,  // Cyrillic and Cyrillic Supplement (Kazakh letters)
    0x2000, 0x206F,  // General Punctuation (dashes, quotes)
    0x20A0, 0x20CF,  // Currency symbols
    0x2190, 0x21FF,  // Arrows
    0x25A0, 0x25FF,  // Geometric shapes (play/pause)
    0,
};

std::string find_font(const char* file) {
    for (const char* dir : kFontDirs) {
        const std::string path = std::string(dir) + file;
        if (std::filesystem::exists(path)) return path;
    }
    return {};
}

}  // namespace

MapFonts load_map_fonts(ImFontAtlas& atlas, float scale) {
    MapFonts fonts;
    const std::string regular = find_font("DejaVuSans.ttf");
    const std::string bold = find_font("DejaVuSans-Bold.ttf");
    if (!regular.empty()) {
        fonts.ui = atlas.AddFontFromFileTTF(regular.c_str(), 15.0f * scale, nullptr, kRanges);
        fonts.label = atlas.AddFontFromFileTTF(regular.c_str(), 13.0f * scale, nullptr, kRanges);
        fonts.label_bold = atlas.AddFontFromFileTTF((bold.empty() ? regular : bold).c_str(), 13.0f * scale, nullptr, kRanges);
    }
    if (!fonts.ui || !fonts.label || !fonts.label_bold) {
        fonts.warning = "DejaVu Sans not found (install fonts-dejavu-core): Cyrillic text will not display";
        ImFontConfig cfg;
        cfg.SizePixels = 13.0f * scale;
        ImFont* builtin = atlas.AddFontDefault(&cfg);
        if (!fonts.ui) fonts.ui = builtin;
        if (!fonts.label) fonts.label = builtin;
        if (!fonts.label_bold) fonts.label_bold = builtin;
    }
    return fonts;
}

}  // namespace incidentmap::viewer
