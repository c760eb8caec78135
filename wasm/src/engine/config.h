// Engine configuration: what engine.start carries and what a host adds (Open CTI call center
// settings). Every problem is reported as config.invalid naming the item.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "switchboard/json.h"
#include "switchboard/phone.h"
#include "switchboard/result.h"

namespace sb {

// Who this softphone is to the PBX, kept in storage so a reload reuses it (RFC 5626 instance,
// the Contact's user and host): tokens of [0-9a-z].
struct SipIdentity {
  std::string instance;      // UUID-shaped, without "urn:uuid:"
  std::string contact_user;
  std::string via_host;      // without ".invalid"
};

struct SipSettings {
  std::string ws_url;         // wss://pbx.example.com:8089/ws
  std::string domain;         // SIP domain of the address of record
  std::string user;           // user part of the address of record (extension)
  std::string auth_user;      // digest username; defaults to user
  std::string password;       // static password or the ephemeral one issued for auth_user
  std::string display_name;
  std::string credential_mode = "static";  // "static" | "ephemeral"
  std::int64_t credential_expires_at = 0;  // ephemeral: unix seconds when auth_user stops working
  int register_expires = 600;              // seconds asked for in REGISTER
  int keepalive_seconds = 25;              // CRLF ping interval (RFC 5626 §4.4.1 over WebSocket)
  int no_answer_seconds = 60;              // outbound calls give up after this
  Json ice_servers = Json::array();        // empty: no STUN/TURN unless configured
  bool dtmf_info = false;                  // send DTMF by SIP INFO instead of RFC 4733
  SipIdentity identity;                    // set by the engine before the user agent starts
};

struct Colleague {
  std::string name;
  std::string target;  // extension or number to transfer to
};

struct Config {
  SipSettings sip;
  DialingOptions dialing;
  int acw_seconds = 30;  // 0: no after-call work
  std::vector<std::string> dispositions{"Resolved", "Follow-up needed", "Left voicemail", "Wrong number"};
  bool disposition_required = false;
  std::vector<std::string> away_reasons{"Break", "Lunch", "Meeting", "Training"};
  std::string start_status = "available";
  int history_size = 10;
  int utc_offset_minutes = 0;  // the agent's offset from UTC (Task ActivityDate)
  std::vector<Colleague> colleagues;  // transfer directory shown to the agent

  bool sip_ready() const { return !sip.ws_url.empty() && !sip.domain.empty() && !sip.user.empty(); }
};

// Merges a JSON object of settings into config (keys absent from the object keep their value).
// Recognised shape: {sip:{…}, dialing:{…}, acw_seconds, dispositions:[…], disposition_required,
// away_reasons:[…], start_status, history_size}.
Result<void> merge_config(Config& config, const Json& settings);

// Checks the merged whole (URL scheme, dialing options, ranges).
Result<void> validate_config(const Config& config);

}  // namespace sb
