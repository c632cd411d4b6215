#include "viewer/window.hpp"

#include "core/error.hpp"

#include <GLFW/glfw3.h>
#include <imgui.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>

#include <atomic>
#include <iterator>
#include <string>

namespace incidentmap::viewer {

namespace {

std::atomic<bool> g_window_alive{false};
std::string g_glfw_error;  // written by GLFW's error callback on the main thread

void on_glfw_error(int code, const char* description) {
    g_glfw_error = std::string(description ? description : "unknown") + " (GLFW error " + std::to_string(code) + ")";
}

}  // namespace

Window::Window(const WindowOptions& options) {
    if (g_window_alive.exchange(true)) throw core::Error("viewer: only one window can be open at a time");
    try {
        glfwSetErrorCallback(&on_glfw_error);
        if (!glfwInit()) throw core::Error("viewer: cannot open a window: " + g_glfw_error);
        glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
        glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
        glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
        glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
        glfwWindowHint(GLFW_VISIBLE, options.visible ? GLFW_TRUE : GLFW_FALSE);
        glfwWindowHint(GLFW_SCALE_TO_MONITOR, GLFW_TRUE);
        window_ = glfwCreateWindow(options.width, options.height, options.title.c_str(), nullptr, nullptr);
        if (!window_) {
            const std::string why = g_glfw_error;
            glfwTerminate();
            throw core::Error("viewer: cannot create an OpenGL 3.3 window: " + why);
        }
        glfwMakeContextCurrent(window_);
        glfwSwapInterval(1);
        float sx = 1, sy = 1;
        glfwGetWindowContentScale(window_, &sx, &sy);
        content_scale_ = sx > 0 ? sx : 1.0f;

        IMGUI_CHECKVERSION();
        ImGui::CreateContext();
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = nullptr;  // view state is saved by the viewer, not by ImGui's ini file
        ImGui::StyleColorsDark();
        ImGui::GetStyle().ScaleAllSizes(content_scale_);
        ImGui_ImplGlfw_InitForOpenGL(window_, true);
        glfwSetWindowUserPointer(window_, this);
        glfwSetDropCallback(window_, &Window::on_drop);  // ImGui's backend installs none of its own
        ImGui_ImplOpenGL3_Init("#version 330 core");
        fonts_ = load_map_fonts(*io.Fonts, content_scale_);
        io.FontDefault = fonts_.ui;
    } catch (...) {
        g_window_alive = false;
        throw;
    }
}

Window::~Window() {
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext();
    glfwDestroyWindow(window_);
    glfwTerminate();
    g_window_alive = false;
}

void Window::on_drop(GLFWwindow* window, int count, const char** paths) {
    auto* self = static_cast<Window*>(glfwGetWindowUserPointer(window));
    if (!self) return;
    for (int i = 0; i < count; ++i) self->dropped_.emplace_back(paths[i]);
}

bool Window::should_close() const { return glfwWindowShouldClose(window_); }
void Window::request_close() { glfwSetWindowShouldClose(window_, GLFW_TRUE); }

void Window::wait_events(bool animating, double timeout_s) {
    if (animating) glfwPollEvents();
    else glfwWaitEventsTimeout(timeout_s);
}

void Window::begin_frame(const InjectedInput* input) {
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    if (input) {
        // The backend has just written the real state into io; ImGui reads it in NewFrame().
        ImGuiIO& io = ImGui::GetIO();
        io.MousePos = ImVec2(input->mouse_x, input->mouse_y);
        io.MouseDown[0] = input->left_down;
        io.MouseDown[1] = input->right_down;
        for (int b = 2; b < 5; ++b) io.MouseDown[b] = false;
        io.MouseWheel = input->wheel;
        for (const char32_t c : input->chars) io.AddInputCharacter(static_cast<unsigned int>(c));
        if (const int tab = io.KeyMap[ImGuiKey_Tab]; tab >= 0 && tab < static_cast<int>(std::size(io.KeysDown))) io.KeysDown[tab] = input->tab;
    }
    ImGui::NewFrame();
}

void Window::end_frame() {
    ImGui::Render();
    glViewport(0, 0, framebuffer_width(), framebuffer_height());
    glClearColor(0, 0, 0, 1);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
}

void Window::present() { glfwSwapBuffers(window_); }

int Window::framebuffer_width() const {
    int w = 0, h = 0;
    glfwGetFramebufferSize(window_, &w, &h);
    return w;
}

int Window::framebuffer_height() const {
    int w = 0, h = 0;
    glfwGetFramebufferSize(window_, &w, &h);
    return h;
}

core::io::RgbaImage Window::read_back_buffer() const {
    const int w = framebuffer_width(), h = framebuffer_height();
    core::io::RgbaImage img(w, h);
    glReadBuffer(GL_BACK);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadPixels(0, 0, w, h, GL_RGBA, GL_UNSIGNED_BYTE, img.pixels().data());
    if (const GLenum err = glGetError(); err != GL_NO_ERROR)
        throw core::Error("viewer: reading the framebuffer failed (OpenGL error " + std::to_string(err) + ")");
    img.flip_vertically();
    return img;
}

}  // namespace incidentmap::viewer
