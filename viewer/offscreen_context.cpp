#include "viewer/offscreen_context.hpp"

#include "core/error.hpp"

#include <EGL/egl.h>
#include <EGL/eglext.h>
#include <GL/gl.h>
#include <GL/glext.h>
#include <imgui.h>
#include <backends/imgui_impl_opengl3.h>

#include <cstdio>
#include <mutex>
#include <string>

namespace incidentmap::viewer {

namespace {

std::string egl_error_text(EGLint code) {
    static const char* const kNames[] = {
        "EGL_SUCCESS",           "EGL_NOT_INITIALIZED",  "EGL_BAD_ACCESS",   "EGL_BAD_ALLOC",
        "EGL_BAD_ATTRIBUTE",     "EGL_BAD_CONFIG",       "EGL_BAD_CONTEXT",  "EGL_BAD_CURRENT_SURFACE",
        "EGL_BAD_DISPLAY",       "EGL_BAD_MATCH",        "EGL_BAD_NATIVE_PIXMAP", "EGL_BAD_NATIVE_WINDOW",
        "EGL_BAD_PARAMETER",     "EGL_BAD_SURFACE",      "EGL_CONTEXT_LOST",
    };
    char hex[16];
    std::snprintf(hex, sizeof hex, "0x%04X", static_cast<unsigned>(code));
    const EGLint i = code - EGL_SUCCESS;
    const std::string name = i >= 0 && i < static_cast<EGLint>(std::size(kNames)) ? kNames[i] : "unknown EGL error";
    return name + " (" + hex + ")";
}

[[noreturn]] void egl_fail(const std::string& step) {
    throw core::Error("viewer: off-screen rendering: " + step + " failed: " + egl_error_text(eglGetError()));
}

// The surfaceless EGL display, initialised once per process on first use and kept: EGL displays are process-wide
// (eglTerminate would end every context on it at once), and terminating unloads Mesa's driver, which leaves its
// allocations behind. Contexts and framebuffers are per OffscreenContext and released with it.
EGLDisplay surfaceless_display() {
    static std::mutex mutex;
    static EGLDisplay display = EGL_NO_DISPLAY;
    std::lock_guard lock(mutex);
    if (display == EGL_NO_DISPLAY) {
        auto get_platform_display =
            reinterpret_cast<PFNEGLGETPLATFORMDISPLAYEXTPROC>(eglGetProcAddress("eglGetPlatformDisplayEXT"));
        if (!get_platform_display) egl_fail("eglGetProcAddress(eglGetPlatformDisplayEXT)");
        const EGLDisplay d = get_platform_display(EGL_PLATFORM_SURFACELESS_MESA, EGL_DEFAULT_DISPLAY, nullptr);
        if (d == EGL_NO_DISPLAY) egl_fail("eglGetPlatformDisplayEXT(EGL_PLATFORM_SURFACELESS_MESA)");
        EGLint major = 0, minor = 0;
        if (!eglInitialize(d, &major, &minor)) egl_fail("eglInitialize");
        display = d;
    }
    return display;
}

template <typename Fn>
Fn gl_function(const char* name) {
    auto fn = reinterpret_cast<Fn>(eglGetProcAddress(name));
    if (!fn) throw core::Error(std::string("viewer: off-screen rendering: OpenGL has no ") + name);
    return fn;
}

}  // namespace

struct OffscreenContext::Gl {
    EGLDisplay display = EGL_NO_DISPLAY;
    EGLContext context = EGL_NO_CONTEXT;
    GLuint framebuffer = 0;
    GLuint color = 0;
    PFNGLGENFRAMEBUFFERSPROC gen_framebuffers = nullptr;
    PFNGLDELETEFRAMEBUFFERSPROC delete_framebuffers = nullptr;
    PFNGLBINDFRAMEBUFFERPROC bind_framebuffer = nullptr;
    PFNGLGENRENDERBUFFERSPROC gen_renderbuffers = nullptr;
    PFNGLDELETERENDERBUFFERSPROC delete_renderbuffers = nullptr;
    PFNGLBINDRENDERBUFFERPROC bind_renderbuffer = nullptr;
    PFNGLRENDERBUFFERSTORAGEPROC renderbuffer_storage = nullptr;
    PFNGLFRAMEBUFFERRENDERBUFFERPROC framebuffer_renderbuffer = nullptr;
    PFNGLCHECKFRAMEBUFFERSTATUSPROC check_framebuffer_status = nullptr;

    Gl(int width, int height) {
        display = surfaceless_display();
        try {
            create_context();
            create_framebuffer(width, height);
        } catch (...) {
            destroy();
            throw;
        }
    }
    ~Gl() { destroy(); }
    Gl(const Gl&) = delete;
    Gl& operator=(const Gl&) = delete;

    void make_current() const {
        if (!eglMakeCurrent(display, EGL_NO_SURFACE, EGL_NO_SURFACE, context)) egl_fail("eglMakeCurrent");
    }

    void create_context() {
        if (!eglBindAPI(EGL_OPENGL_API)) egl_fail("eglBindAPI(EGL_OPENGL_API)");
        const std::string extensions = eglQueryString(display, EGL_EXTENSIONS);
        EGLConfig config = EGL_NO_CONFIG_KHR;
        if (extensions.find("EGL_KHR_no_config_context") == std::string::npos) {
            const EGLint attrs[] = {EGL_RENDERABLE_TYPE, EGL_OPENGL_BIT, EGL_NONE};
            EGLint count = 0;
            if (!eglChooseConfig(display, attrs, &config, 1, &count) || count < 1) egl_fail("eglChooseConfig");
        }
        // 3.3 core is what the ImGui shaders need; Mesa hands out its highest compatible version (4.5 on llvmpipe).
        const EGLint attrs[] = {EGL_CONTEXT_MAJOR_VERSION, 3, EGL_CONTEXT_MINOR_VERSION, 3, EGL_CONTEXT_OPENGL_PROFILE_MASK,
                                EGL_CONTEXT_OPENGL_CORE_PROFILE_BIT, EGL_NONE};
        context = eglCreateContext(display, config, EGL_NO_CONTEXT, attrs);
        if (context == EGL_NO_CONTEXT) egl_fail("eglCreateContext(OpenGL 3.3 core)");
        make_current();  // without a surface: EGL_KHR_surfaceless_context
    }

    void create_framebuffer(int width, int height) {
        gen_framebuffers = gl_function<PFNGLGENFRAMEBUFFERSPROC>("glGenFramebuffers");
        delete_framebuffers = gl_function<PFNGLDELETEFRAMEBUFFERSPROC>("glDeleteFramebuffers");
        bind_framebuffer = gl_function<PFNGLBINDFRAMEBUFFERPROC>("glBindFramebuffer");
        gen_renderbuffers = gl_function<PFNGLGENRENDERBUFFERSPROC>("glGenRenderbuffers");
        delete_renderbuffers = gl_function<PFNGLDELETERENDERBUFFERSPROC>("glDeleteRenderbuffers");
        bind_renderbuffer = gl_function<PFNGLBINDRENDERBUFFERPROC>("glBindRenderbuffer");
        renderbuffer_storage = gl_function<PFNGLRENDERBUFFERSTORAGEPROC>("glRenderbufferStorage");
        framebuffer_renderbuffer = gl_function<PFNGLFRAMEBUFFERRENDERBUFFERPROC>("glFramebufferRenderbuffer");
        check_framebuffer_status = gl_function<PFNGLCHECKFRAMEBUFFERSTATUSPROC>("glCheckFramebufferStatus");

        GLint max_size = 0;
        glGetIntegerv(GL_MAX_RENDERBUFFER_SIZE, &max_size);
        if (width > max_size || height > max_size)
            throw core::Error("viewer: off-screen rendering: " + std::to_string(width) + "x" + std::to_string(height) +
                              " is larger than this OpenGL's largest framebuffer (" + std::to_string(max_size) + " pixels a side)");
        gen_renderbuffers(1, &color);
        bind_renderbuffer(GL_RENDERBUFFER, color);
        renderbuffer_storage(GL_RENDERBUFFER, GL_RGBA8, width, height);
        gen_framebuffers(1, &framebuffer);
        bind_framebuffer(GL_FRAMEBUFFER, framebuffer);
        framebuffer_renderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, color);
        if (const GLenum status = check_framebuffer_status(GL_FRAMEBUFFER); status != GL_FRAMEBUFFER_COMPLETE) {
            char hex[16];
            std::snprintf(hex, sizeof hex, "0x%04X", status);
            throw core::Error(std::string("viewer: off-screen rendering: the framebuffer is incomplete (status ") + hex + ")");
        }
    }

    void destroy() {
        if (context != EGL_NO_CONTEXT) {
            if (eglMakeCurrent(display, EGL_NO_SURFACE, EGL_NO_SURFACE, context)) {
                if (framebuffer) delete_framebuffers(1, &framebuffer);
                if (color) delete_renderbuffers(1, &color);
            }
            eglMakeCurrent(display, EGL_NO_SURFACE, EGL_NO_SURFACE, EGL_NO_CONTEXT);
            eglDestroyContext(display, context);
            context = EGL_NO_CONTEXT;
        }
    }
};

struct OffscreenContext::ImGuiState {
    ImGuiContext* context = nullptr;
    bool backend = false;

    ImGuiState() {
        ImGuiContext* previous = ImGui::GetCurrentContext();
        context = ImGui::CreateContext();
        ImGui::SetCurrentContext(previous);
    }
    ~ImGuiState() {
        ImGuiContext* previous = ImGui::GetCurrentContext();
        ImGui::SetCurrentContext(context);
        if (backend) ImGui_ImplOpenGL3_Shutdown();
        ImGui::DestroyContext(context);
        ImGui::SetCurrentContext(previous == context ? nullptr : previous);
    }
    ImGuiState(const ImGuiState&) = delete;
    ImGuiState& operator=(const ImGuiState&) = delete;
};

OffscreenContext::OffscreenContext(int width, int height, float scale) : width_(width), height_(height), scale_(scale) {
    if (width <= 0 || height <= 0)
        throw core::Error("viewer: off-screen rendering: bad size " + std::to_string(width) + "x" + std::to_string(height));
    gl_ = std::make_unique<Gl>(width, height);
    renderer_ = std::string(reinterpret_cast<const char*>(glGetString(GL_RENDERER))) + ", " +
                reinterpret_cast<const char*>(glGetString(GL_VERSION));

    imgui_ = std::make_unique<ImGuiState>();
    ImGuiContext* previous = ImGui::GetCurrentContext();
    ImGui::SetCurrentContext(imgui_->context);
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.LogFilename = nullptr;
    io.DisplaySize = ImVec2(static_cast<float>(width), static_cast<float>(height));
    ImGui::StyleColorsDark();
    ImGui::GetStyle().ScaleAllSizes(scale);
    fonts_ = load_map_fonts(*io.Fonts, scale);
    io.FontDefault = fonts_.ui;
    imgui_->backend = ImGui_ImplOpenGL3_Init("#version 330 core");
    ImGui::SetCurrentContext(previous);
    if (!imgui_->backend) throw core::Error("viewer: off-screen rendering: ImGui's OpenGL3 backend failed to start");
}

OffscreenContext::~OffscreenContext() {
    // The ImGui backend deletes GL objects: its GL context must be current.
    if (gl_) eglMakeCurrent(gl_->display, EGL_NO_SURFACE, EGL_NO_SURFACE, gl_->context);
    imgui_.reset();
    gl_.reset();
}

void OffscreenContext::begin_frame() {
    gl_->make_current();
    previous_imgui_ = ImGui::GetCurrentContext();
    ImGui::SetCurrentContext(imgui_->context);
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(static_cast<float>(width_), static_cast<float>(height_));
    io.DisplayFramebufferScale = ImVec2(1, 1);
    io.DeltaTime = 1.0f / 60.0f;
    ImGui_ImplOpenGL3_NewFrame();
    ImGui::NewFrame();
}

core::io::RgbaImage OffscreenContext::end_frame() {
    ImGui::Render();
    gl_->bind_framebuffer(GL_FRAMEBUFFER, gl_->framebuffer);
    glViewport(0, 0, width_, height_);
    glClearColor(0, 0, 0, 1);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    glFinish();
    ImGui::SetCurrentContext(previous_imgui_ == imgui_->context ? imgui_->context : previous_imgui_);

    core::io::RgbaImage image(width_, height_);
    glReadBuffer(GL_COLOR_ATTACHMENT0);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadPixels(0, 0, width_, height_, GL_RGBA, GL_UNSIGNED_BYTE, image.pixels().data());
    if (const GLenum err = glGetError(); err != GL_NO_ERROR)
        throw core::Error("viewer: off-screen rendering: reading the framebuffer failed (OpenGL error " + std::to_string(err) + ")");
    image.flip_vertically();
    auto px = image.pixels();
    for (std::size_t i = 3; i < px.size(); i += 4) px[i] = 255;  // the map is opaque; blending may leave alpha < 1
    return image;
}

}  // namespace incidentmap::viewer
