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
  // An effect built field by field, emitted by send(): io.effect("media.mute").text("session", id).send().
  class Effect final : public JsonFieldsOf<Effect> {
   public:
    void send();

   private:
    friend class Io;
    Effect(Io& io, std::string_view type);
    Io& io_;
  };

  std::int64_t now() const { return now_; }
  void set_now(std::int64_t t) {
    if (t > now_) now_ = t;
  }

  Effect effect(std::string_view type) { return Effect(*this, type); }
  void emit(Json effect);
  void emit(std::string_view type, Json fields);

  // One-shot timers; ids are owned by their module (prefix "sip.", "acw.", "host."…).
  void set_timer(const std::string& id, std::int64_t ms);
  void cancel_timer(const std::string& id);
  bool timer_active(const std::string& id) const { return timers_.count(id) != 0; }
  // Called when timer.fired arrives: true if the timer was live (it is then consumed).
  bool consume_timer(const std::string& id) { return timers_.erase(id) != 0; }

  void log(std::string_view level, std::string msg);
  void log(std::string_view level, std::string msg, Json ctx);
  void error(std::string_view code, std::string message, std::string_view event_type = {});

  const Json& pending() const { return effects_; }

  Json take();

 private:
  std::int64_t now_ = 0;
  Json effects_ = Json::array();
  std::set<std::string> timers_;
};

}  // namespace sb
