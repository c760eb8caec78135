// The boundary between the engine's call logic and the signalling stack (SIP over WebSocket).
// The engine owns calls and decides; signalling owns transactions, dialogs, registration and the
// media negotiation that SIP needs, and reports what happened on the wire.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "switchboard/call.h"
#include "switchboard/json.h"
#include "switchboard/result.h"

namespace sb {

struct LineStatus {
  std::string connection = "disconnected";   // disconnected | connecting | connected
  std::string registration = "unregistered"; // unregistered | registering | registered | failed
  std::string error_code;                    // e.g. "sip.auth" when registration was refused
  std::string error_text;
  std::int64_t retry_at = 0;                 // when the next reconnect attempt is due (wall ms)
  bool operator==(const LineStatus&) const = default;
};

struct IncomingCall {
  std::string from_uri;      // sip:+14155550100@pbx
  std::string from_user;     // +14155550100
  std::string display_name;  // "Ada Lovelace"
  std::string to_user;
  std::string replaces;      // call id this INVITE replaces (attended transfer towards us)
  std::string referred_by;
  std::string sip_call_id;
};

struct IncomingDecision {
  bool accept = false;
  int reject_code = 486;
  std::string call_id;  // the id the engine gave the call; signalling uses it as the session id
};

class SignallingEvents {
 public:
  virtual ~SignallingEvents() = default;
  virtual void line_changed() = 0;
  virtual IncomingDecision incoming(const IncomingCall& call) = 0;
  virtual void progress(const std::string& call_id, int code, bool early_media) = 0;
  virtual void answered(const std::string& call_id) = 0;
  virtual void ended(const std::string& call_id, EndCause cause, int sip_code) = 0;
  virtual void remote_hold(const std::string& call_id, bool held) = 0;
  virtual void hold_done(const std::string& call_id, bool held, bool ok) = 0;
  virtual void transfer_result(const std::string& call_id, bool ok, int sip_code) = 0;
  virtual void dtmf_received(const std::string& call_id, std::string_view digits) = 0;
  // The other party asks us to call target (we are being transferred, RFC 3515). Returns the id
  // of the new call, or "" to refuse. sip_call_id is the Call-ID the new call will use.
  virtual std::string referred(const std::string& call_id, const std::string& target_user,
                               const std::string& sip_call_id) = 0;
};

class Signalling {
 public:
  virtual ~Signalling() = default;
  virtual LineStatus line() const = 0;
  virtual void start() = 0;  // connect and register
  virtual void stop() = 0;   // unregister and close
  virtual bool registered() const = 0;

  // Places a call; returns the SIP Call-ID it uses.
  virtual Result<std::string> invite(const std::string& call_id, const std::string& target) = 0;
  virtual Result<void> answer(const std::string& call_id) = 0;
  virtual Result<void> reject(const std::string& call_id, int code) = 0;
  virtual Result<void> hangup(const std::string& call_id) = 0;
  virtual Result<void> hold(const std::string& call_id, bool on) = 0;
  virtual Result<void> mute(const std::string& call_id, bool on) = 0;
  virtual Result<void> dtmf(const std::string& call_id, const std::string& digits) = 0;
  virtual Result<void> refer(const std::string& call_id, const std::string& target) = 0;
  virtual Result<void> refer_replaces(const std::string& call_id, const std::string& other_call_id) = 0;

  // Wire and media events routed by the engine.
  virtual void ws_open(std::int64_t conn) = 0;
  virtual void ws_message(std::int64_t conn, const std::string& data) = 0;
  virtual void ws_closed(std::int64_t conn, int code) = 0;
  virtual bool timer(const std::string& id) = 0;  // false: not a signalling timer
  virtual void media_sdp(const std::string& session, const std::string& type, const std::string& sdp) = 0;
  virtual void media_failed(const std::string& session, const std::string& reason) = 0;
  // New credentials (ephemeral ones are refreshed before they expire); used from the next REGISTER.
  virtual void update_credentials(const std::string& auth_user, const std::string& password) = 0;

  // Survive a reload: the dialog state of live calls, and restoring it.
  virtual Json save(const std::string& call_id) const = 0;
  virtual Result<void> restore(const std::string& call_id, const Json& saved) = 0;
};

}  // namespace sb
