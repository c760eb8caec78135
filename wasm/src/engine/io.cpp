// Out of line on purpose: these run at hundreds of call sites, and inlined JSON construction is what
// makes the WebAssembly module big.
#include "engine/io.h"

namespace sb {

Io::Effect::Effect(Io& io, std::string_view type) : io_(io) { put_text("type", type); }

void Io::Effect::send() { io_.emit(std::move(object_)); }

void Io::emit(Json effect) { effects_.push_back(std::move(effect)); }

void Io::emit(std::string_view type, Json fields) {
  fields["type"] = type;
  effects_.push_back(std::move(fields));
}

void Io::set_timer(const std::string& id, std::int64_t ms) {
  timers_.insert(id);
  effect("timer.set").text("id", id).number("ms", ms < 0 ? 0 : ms).send();
}

void Io::cancel_timer(const std::string& id) {
  if (timers_.erase(id)) effect("timer.cancel").text("id", id).send();
}

void Io::log(std::string_view level, std::string msg) {
  effect("log").text("level", level).value("msg", Json(std::move(msg))).send();
}

void Io::log(std::string_view level, std::string msg, Json ctx) {
  Effect e = effect("log");
  e.text("level", level).value("msg", Json(std::move(msg)));
  if (!ctx.is_null()) e.value("ctx", std::move(ctx));
  e.send();
}

void Io::error(std::string_view code, std::string message, std::string_view event_type) {
  Effect e = effect("error");
  e.text("code", code).value("message", Json(std::move(message)));
  if (!event_type.empty()) e.text("event", event_type);
  e.send();
}

Json Io::take() {
  Json out = std::move(effects_);
  effects_ = Json::array();
  return out;
}

}  // namespace sb
