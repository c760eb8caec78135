// A host is the Salesforce API the engine serves: Open CTI today, Service Cloud Voice next. It turns
// call changes into host API calls (host.call effects) and host replies/listener payloads into engine
// actions. With host "none" the engine runs on its configuration alone (tests, load agents).
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "switchboard/call.h"
#include "switchboard/engine.h"
#include "switchboard/json.h"

namespace sb {

class Host {
 public:
  virtual ~Host() = default;
  virtual void store_loaded(const Json& entries) = 0;
  virtual void start() = 0;  // must call Engine::Impl::config_ready() once the settings are in
  virtual void response(std::int64_t req, const Json& response) = 0;
  virtual void event(const std::string& method, const Json& payload) = 0;
  virtual bool timer(const std::string& id) = 0;
  // A call changed state (from → call.state); a new call arrives with from == Idle.
  virtual void call_changed(const Call& call, CallState from) = 0;
  // A call is over for good (wrap-up done): log it.
  virtual void call_finished(const Call& call) = 0;
  // Host-specific parts of the view (current record, pending logs…), merged under "host".
  virtual Json view() const = 0;
};

// nullptr for "none".
std::unique_ptr<Host> make_host(const std::string& kind, Engine::Impl& engine);

}  // namespace sb
