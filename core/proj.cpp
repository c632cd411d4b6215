#include "core/proj.hpp"

#include <cmath>

namespace incidentmap::core::proj {

std::string version() { return std::string("PROJ ") + proj_info().version; }

Context::Context() : ctx_(proj_context_create()), last_log_(std::make_unique<std::string>()) {
    if (!ctx_) throw Error("PROJ: cannot create a context (out of memory?)");
    proj_log_func(ctx_.get(), last_log_.get(), &Context::log);
    proj_log_level(ctx_.get(), PJ_LOG_ERROR);
}

void Context::log(void* user, int level, const char* msg) {
    if (level <= PJ_LOG_ERROR && user && msg) *static_cast<std::string*>(user) = msg;
}

std::string Context::last_error() const {
    if (!last_log_->empty()) return *last_log_;
    const int err = proj_context_errno(ctx_.get());
    if (err == 0) return "PROJ gave no reason";
    const char* s = proj_context_errno_string(ctx_.get(), err);
    return s ? s : "PROJ error " + std::to_string(err);
}

Transformation Transformation::between(Context& ctx, const std::string& source, const std::string& target) {
    const std::string what = source + " -> " + target;
    std::unique_ptr<PJ, Destroy> raw(proj_create_crs_to_crs(ctx.get(), source.c_str(), target.c_str(), nullptr));
    if (!raw) throw CrsError(what, "PROJ cannot build this transformation: " + ctx.last_error());
    std::unique_ptr<PJ, Destroy> norm(proj_normalize_for_visualization(ctx.get(), raw.get()));
    if (!norm) throw CrsError(what, "PROJ cannot normalise the axis order: " + ctx.last_error());
    return Transformation(std::move(norm), source, target);
}

std::optional<XY> Transformation::trans(PJ_DIRECTION dir, XY p) const {
    PJ_COORD c = proj_coord(p.x, p.y, 0, 0);
    const PJ_COORD r = proj_trans(pj_.get(), dir, c);
    if (!std::isfinite(r.xy.x) || !std::isfinite(r.xy.y) || r.xy.x == HUGE_VAL) return std::nullopt;
    return XY{r.xy.x, r.xy.y};
}

std::optional<XY> Transformation::forward(XY p) const { return trans(PJ_FWD, p); }
std::optional<XY> Transformation::inverse(XY p) const { return trans(PJ_INV, p); }

void Transformation::trans(PJ_DIRECTION dir, std::span<double> xs, std::span<double> ys) const {
    if (xs.size() != ys.size()) throw std::invalid_argument("Transformation: xs and ys differ in size");
    proj_trans_generic(pj_.get(), dir, xs.data(), sizeof(double), xs.size(), ys.data(), sizeof(double), ys.size(),
                       nullptr, 0, 0, nullptr, 0, 0);
}

void Transformation::forward(std::span<double> xs, std::span<double> ys) const { trans(PJ_FWD, xs, ys); }
void Transformation::inverse(std::span<double> xs, std::span<double> ys) const { trans(PJ_INV, xs, ys); }

}  // namespace incidentmap::core::proj
