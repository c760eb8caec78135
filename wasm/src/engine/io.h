// What a module may do to the outside world: emit effects, set timers, log. Everything it emits is
// collected for the event being handled and returned by Engine::handle in order.
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <string_view>

#include "switchboard/json.h"

namespace sb {

class Io {
 public:
  std::int64_t now() const { return now_; }
  void set_now(std::int64_t t) {
    if (t > now_) now_ = t;
  }

  void emit(Json effect) { effects_.push_back(std::move(effect)); }
  void emit(std::string_view type, Json fields) {
    fields["type"] = type;
    effects_.push_back(std::move(fields));
  }

  // One-shot timers; ids are owned by their module (prefix "sip.", "acw.", "host."…).
  void set_timer(const std::string& id, std::int64_t ms) {
    timers_.insert(id);
    emit("timer.set", {{"id", id}, {"ms", ms < 0 ? 0 : ms}});
  }
  void cancel_timer(const std::string& id) {
    if (timers_.erase(id)) emit("timer.cancel", {{"id", id}});
  }
  bool timer_active(const std::string& id) const { return timers_.count(id) != 0; }
  // Called when timer.fired arrives: true if the timer was live (it is then consumed).
  bool consume_timer(const std::string& id) { return timers_.erase(id) != 0; }

  void log(std::string_view level, std::string msg, Json ctx = nullptr) {
    Json e = {{"level", level}, {"msg", std::move(msg)}};
    if (!ctx.is_null()) e["ctx"] = std::move(ctx);
    emit("log", std::move(e));
  }
  void error(std::string_view code, std::string message, std::string_view event_type = {}) {
    Json e = {{"code", code}, {"message", std::move(message)}};
    if (!event_type.empty()) e["event"] = event_type;
    emit("error", std::move(e));
  }

  const Json& pending() const { return effects_; }

  Json take() {
    Json out = std::move(effects_);
    effects_ = Json::array();
    return out;
  }

 private:
  std::int64_t now_ = 0;
  Json effects_ = Json::array();
  std::set<std::string> timers_;
};

}  // namespace sb
