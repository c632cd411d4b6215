#include "viewer/fonts.hpp"

#include <filesystem>

namespace incidentmap::viewer {

namespace {

const char* const kFontDirs[] = {"/usr/share/fonts/truetype/dejavu/", "/usr/share/fonts/TTF/", "/usr/share/fonts/dejavu/"};

const ImWchar kRanges[] = {
    0x0020, 0x02FF,  // Basic Latin, Latin-1 Supplement, Latin Extended-A and B, IPA, modifier letters (ʿ ʾ of
                     // transliterated Arabic: "Maʿarrat")
    0x0300, 0x03FF,  // combining diacritics (decomposed names), Greek
    0x0400, 0x052F,  // Cyrillic and Cyrillic Supplement (Kazakh letters)
    0x1E00, 0x1EFF,  // Latin Extended Additional: "Al Ḩasakah", "Ṭarṭūs", Vietnamese
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

// Registers the discs' rectangles, builds the atlas and paints them: coverage from 4x4 samples per pixel.
void add_discs(ImFontAtlas& atlas, DiscSprites& discs) {
    int ids[DiscSprites::kSizes];
    for (int k = 0; k < DiscSprites::kSizes; ++k) ids[k] = atlas.AddCustomRectRegular(DiscSprites::kDiameters[k], DiscSprites::kDiameters[k]);
    unsigned char* pixels = nullptr;
    int width = 0, height = 0;
    atlas.GetTexDataAsRGBA32(&pixels, &width, &height);  // builds the atlas
    if (!pixels) return;
    for (int k = 0; k < DiscSprites::kSizes; ++k) {
        const ImFontAtlasCustomRect* rect = atlas.GetCustomRectByIndex(ids[k]);
        if (!rect || !rect->IsPacked()) return;
        const int d = DiscSprites::kDiameters[k];
        const float r = static_cast<float>(d) / 2;
        for (int y = 0; y < d; ++y)
            for (int x = 0; x < d; ++x) {
                int inside = 0;
                for (int sy = 0; sy < 4; ++sy)
                    for (int sx = 0; sx < 4; ++sx) {
                        const float px = static_cast<float>(x) + (static_cast<float>(sx) + 0.5f) / 4 - r;
                        const float py = static_cast<float>(y) + (static_cast<float>(sy) + 0.5f) / 4 - r;
                        inside += px * px + py * py <= r * r;
                    }
                unsigned char* p = pixels + 4 * ((rect->Y + y) * width + rect->X + x);
                p[0] = p[1] = p[2] = 255;
                p[3] = static_cast<unsigned char>(inside * 255 / 16);
            }
        discs.uv_min[k] = ImVec2(static_cast<float>(rect->X) / static_cast<float>(width), static_cast<float>(rect->Y) / static_cast<float>(height));
        discs.uv_max[k] = ImVec2(static_cast<float>(rect->X + d) / static_cast<float>(width), static_cast<float>(rect->Y + d) / static_cast<float>(height));
    }
    discs.ready = true;
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
        fonts.title = atlas.AddFontFromFileTTF((bold.empty() ? regular : bold).c_str(), 22.0f * scale, nullptr, kRanges);
    }
    if (!fonts.ui || !fonts.label || !fonts.label_bold || !fonts.title) {
        fonts.warning = "DejaVu Sans not found (install fonts-dejavu-core): Cyrillic text will not display";
        ImFontConfig cfg;
        cfg.SizePixels = 13.0f * scale;
        ImFont* builtin = atlas.AddFontDefault(&cfg);
        if (!fonts.ui) fonts.ui = builtin;
        if (!fonts.label) fonts.label = builtin;
        if (!fonts.label_bold) fonts.label_bold = builtin;
        if (!fonts.title) fonts.title = builtin;
    }
    add_discs(atlas, fonts.discs);
    return fonts;
}

bool fonts_cover(char32_t c) {
    for (const ImWchar* r = kRanges; r[0] != 0; r += 2)
        if (c >= r[0] && c <= r[1]) return true;
    return false;
}

void DiscSprites::add(ImDrawList& dl, ImVec2 centre, float radius, ImU32 color) const {
    if (!ready) {
        dl.AddCircleFilled(centre, radius, color);
        return;
    }
    int k = 0;
    while (k + 1 < kSizes && static_cast<float>(kDiameters[k]) < 2 * radius) ++k;
    dl.PrimReserve(6, 4);
    dl.PrimRectUV(ImVec2(centre.x - radius, centre.y - radius), ImVec2(centre.x + radius, centre.y + radius), uv_min[k],
                  uv_max[k], color);
}

}  // namespace incidentmap::viewer
