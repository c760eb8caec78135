// The SIP user agent: registration, calls, hold, transfer and DTMF over SIP over WebSocket
// (RFC 3261, RFC 7118), sans-IO. It sends frames with ws.send, asks the shim's RTCPeerConnection for
// SDP with media.*, keeps time with timer.*, and tells the engine what happened on the wire.
//
// WebSocket is a reliable transport, so requests are not retransmitted and Timers A, E, G are unused;
// Timers B, F and H (64·T1) bound every transaction, and a 2xx to an INVITE is still retransmitted
// until its ACK arrives (RFC 3261 §13.3.1.4: proxies on the way may use UDP).
#include "sip/user_agent.h"

#include <algorithm>
#include <map>
#include <optional>

#include "switchboard/format.h"

#include "sip/bodies.h"
#include "sip/digest.h"
#include "sip/message.h"
#include "sip/sdp.h"
#include "sip/writer.h"
#include "switchboard/phone.h"

namespace sb {
namespace {

using sip::Message;
using sip::OutgoingMessage;

constexpr std::int64_t kT1 = 500;
constexpr std::int64_t kT2 = 4000;
constexpr std::int64_t kTransactionTimeout = 64 * kT1;  // Timers B, F, H
constexpr std::int64_t kReconnectCapMs = 30000;
constexpr std::int64_t kGiveUpDialogsMs = 60000;
constexpr std::string_view kAllow = "INVITE, ACK, CANCEL, BYE, OPTIONS, INFO, REFER, NOTIFY, UPDATE";
constexpr std::string_view kUserAgent = "Switchboard/0.1";

enum class Role { Uac, Uas };
enum class Phase { Calling, Early, Confirmed, Terminated };

// What the session waits for from the media layer.
enum class MediaWait { None, InviteOffer, InviteAnswer, InviteOffer200, HoldOffer, ReinviteAnswer, ReinviteOffer200 };

enum class Purpose { Register, Invite, Reinvite, Bye, Cancel, Refer, Notify, Info, Other };

struct Dialog {
  std::string call_id;
  std::string local_tag;
  std::string remote_tag;
  std::string local_uri;   // our address (From of our requests)
  std::string remote_uri;  // theirs (To of our requests)
  std::string remote_target;
  std::vector<std::string> route_set;  // name-addr texts, in the order to use
  std::uint32_t local_cseq = 0;
  std::uint32_t remote_cseq = 0;
};

struct Session {
  std::string id;  // the engine's call id, also the media session id
  Role role = Role::Uac;
  Phase phase = Phase::Calling;
  Dialog dialog;
  std::string request_uri;     // UAC: the initial INVITE's Request-URI
  std::string invite_branch;   // UAC: the INVITE transaction; UAS: the INVITE server transaction
  std::uint32_t invite_cseq = 0;
  std::optional<OutgoingMessage> invite;  // UAC: the INVITE as sent (for CANCEL and auth)
  std::optional<Message> uas_invite;      // UAS: the INVITE received
  std::string remote_sdp;
  std::string local_sdp;
  MediaWait media_wait = MediaWait::None;
  bool remote_hold = false;
  bool telephone_event = false;
  bool provisional = false;     // UAC: a provisional response arrived (CANCEL is allowed)
  bool cancel_wanted = false;
  bool cancel_sent = false;
  bool user_muted = false;
  bool hold_target = false;     // the hold state our current/last re-INVITE asks for
  bool held = false;
  bool reinvite_busy = false;
  std::optional<bool> hold_queued;
  std::optional<Message> remote_reinvite;  // a re-INVITE waiting for our media answer
  std::string last_2xx;         // UAS: the 2xx to retransmit until the ACK
  std::int64_t retransmit_ms = kT1;
  std::int64_t retransmit_started = 0;
  std::string last_ack;         // UAC: the ACK to resend on a retransmitted 2xx
  int auth_attempts = 0;
  std::string dtmf_queue;       // INFO digits waiting to be sent, one transaction at a time
  bool info_busy = false;
  std::string notify_transferor;  // we are the transferee: report this call's progress to that session
  bool transfer_reported = false;
  std::string replaces;         // UAC: Replaces header value for the INVITE (transferee with Replaces)
  std::string referred_by;
};

struct ClientTx {
  std::string branch;
  Purpose purpose = Purpose::Other;
  std::string session;
  OutgoingMessage request = OutgoingMessage::request("OPTIONS", "sip:invalid");
  bool hold_value = false;
  bool refresh = false;  // a re-INVITE that only refreshes the target: its answer is the SDP we had
};

struct ServerTx {
  std::string last_response;
  std::int64_t at = 0;  // when it was answered
};

std::string quote_if_needed(std::string_view name) {
  return sip::quote(name);
}

bool is_crlf_only(std::string_view data) {
  return !data.empty() && std::all_of(data.begin(), data.end(), [](char c) { return c == '\r' || c == '\n'; });
}

std::string angle(std::string_view uri) { return sb::format("<{}>", uri); }

class UserAgent final : public Signalling {
 public:
  UserAgent(Io& io, SignallingEvents& events, const Config& config, Random& random)
      : io_(io), ev_(events), cfg_(config.sip), dialing_(config.dialing), rnd_(random) {
    secure_ = cfg_.ws_url.rfind("wss://", 0) == 0;
    // The identity the engine keeps across reloads (the same Contact and instance replace the old
    // registration instead of adding one per page load).
    via_host_ = cfg_.identity.via_host + ".invalid";
    contact_user_ = cfg_.identity.contact_user;
    instance_ = "urn:uuid:" + cfg_.identity.instance;
    reg_call_id_ = rnd_.token(22);
    reg_tag_ = rnd_.token(10);
    if (cfg_.auth_user.empty()) cfg_.auth_user = cfg_.user;
  }

  // ---- Signalling: line ----

  LineStatus line() const override { return line_; }
  bool registered() const override { return line_.registration == "registered"; }

  void start() override {
    want_line_ = true;
    if (conn_state_ == ConnState::Down) {
      connect();
    } else if (conn_state_ == ConnState::Up && line_.registration != "registered" && !reg_busy_) {
      send_register(cfg_.register_expires);
    }
  }

  void stop() override {
    want_line_ = false;
    io_.cancel_timer("sip.reconnect");
    io_.cancel_timer("sip.reg.refresh");
    if (conn_state_ == ConnState::Up && line_.registration == "registered") {
      send_register(0);  // the socket closes when the PBX confirms
    } else {
      close_socket();
    }
  }

  void update_credentials(const std::string& auth_user, const std::string& password) override {
    cfg_.auth_user = auth_user;
    cfg_.password = password;
  }

  // ---- Signalling: calls ----

  Result<std::string> invite(const std::string& id, const std::string& target) override {
    if (!registered()) return make_error("line.not_ready", "the phone line is not registered");
    Session& s = sessions_[id];
    s.id = id;
    s.role = Role::Uac;
    s.dialog.call_id = rnd_.token(22);
    s.dialog.local_tag = rnd_.token(10);
    s.dialog.local_uri = aor();
    s.request_uri = target_uri(target);
    s.dialog.remote_uri = s.request_uri;
    s.dialog.remote_target = s.request_uri;
    s.media_wait = MediaWait::InviteOffer;
    emit_media_create(id, "");
    io_.set_timer("sip.noanswer." + id, std::int64_t{cfg_.no_answer_seconds} * 1000);
    return s.dialog.call_id;
  }

  Result<void> answer(const std::string& id) override {
    Session* s = find(id);
    if (!s || s->role != Role::Uas || s->phase != Phase::Early || !s->uas_invite) {
      return make_error("call.no_such_call", sb::format("call {} has no INVITE waiting for an answer", id));
    }
    if (s->media_wait != MediaWait::None) return Ok{};
    if (s->remote_sdp.empty()) {
      s->media_wait = MediaWait::InviteOffer200;  // late offer: our offer goes in the 200, theirs in the ACK
      emit_media_create(id, "");
    } else {
      s->media_wait = MediaWait::InviteAnswer;
      emit_media_create(id, s->remote_sdp);
    }
    return Ok{};
  }

  Result<void> reject(const std::string& id, int code) override {
    Session* s = find(id);
    if (!s || s->role != Role::Uas || s->phase != Phase::Early || !s->uas_invite) return Ok{};
    respond(*s->uas_invite, code, {}, s->dialog.local_tag);
    finish(*s, /*bye=*/false);
    return Ok{};
  }

  Result<void> hangup(const std::string& id) override {
    Session* s = find(id);
    if (!s) return Ok{};
    if (s->role == Role::Uas && s->phase == Phase::Early && s->uas_invite) {
      respond(*s->uas_invite, 486, {}, s->dialog.local_tag);
      finish(*s, false);
    } else if (s->role == Role::Uac && s->phase != Phase::Confirmed) {
      s->cancel_wanted = true;
      if (!s->invite) {
        finish(*s, false);  // the INVITE never left: nothing to cancel
      } else if (s->provisional) {
        send_cancel(*s);
      }
      // Otherwise CANCEL waits for the first provisional response (RFC 3261 §9.1).
    } else if (s->phase == Phase::Confirmed) {
      finish(*s, true);
    }
    return Ok{};
  }

  Result<void> hold(const std::string& id, bool on) override {
    Session* s = find(id);
    if (!s || s->phase != Phase::Confirmed) return make_error("call.no_such_call", sb::format("call {} is not established", id));
    if (s->reinvite_busy) {
      s->hold_queued = on;
      return Ok{};
    }
    start_hold(*s, on);
    return Ok{};
  }

  Result<void> mute(const std::string& id, bool on) override {
    Session* s = find(id);
    if (!s) return Ok{};
    s->user_muted = on;
    io_.effect("media.mute").text("session", id).flag("muted", on || s->held).send();
    return Ok{};
  }

  Result<void> dtmf(const std::string& id, const std::string& digits) override {
    Session* s = find(id);
    if (!s) return make_error("call.no_such_call", sb::format("call {} has no session", id));
    if (!cfg_.dtmf_info && s->telephone_event) {
      io_.effect("media.dtmf").text("session", id).text("tones", digits).number("duration_ms", 100).number("gap_ms", 70).send();
      return Ok{};
    }
    s->dtmf_queue += digits;
    pump_info(*s);
    return Ok{};
  }

  Result<void> refer(const std::string& id, const std::string& target) override {
    Session* s = find(id);
    if (!s || s->phase != Phase::Confirmed) return make_error("call.no_such_call", sb::format("call {} is not established", id));
    send_refer(*s, angle(target_uri(target)));
    return Ok{};
  }

  Result<void> refer_replaces(const std::string& id, const std::string& other) override {
    Session* s = find(id);
    Session* k = find(other);
    if (!s || s->phase != Phase::Confirmed) return make_error("call.no_such_call", sb::format("call {} is not established", id));
    if (!k || k->phase != Phase::Confirmed) {
      return make_error("call.no_such_call", sb::format("the consultation call {} is not established", other));
    }
    // The transferee will INVITE the colleague, replacing our dialog with them (RFC 3891): to-tag is
    // the colleague's tag, from-tag ours.
    const std::string replaces = sb::format("{};to-tag={};from-tag={}", k->dialog.call_id, k->dialog.remote_tag,
                                             k->dialog.local_tag);
    std::string uri = k->dialog.remote_uri;
    if (auto p = uri.find('?'); p != std::string::npos) uri.erase(p);
    send_refer(*s, angle(uri + "?Replaces=" + sip::uri_escape(replaces, sip::UriPart::Header)));
    return Ok{};
  }

  // ---- wire and media events ----

  void ws_open(std::int64_t conn) override {
    if (conn != conn_) return;
    conn_state_ = ConnState::Up;
    reconnect_attempt_ = 0;
    line_.connection = "connected";
    line_.retry_at = 0;
    line_.error_code.clear();
    line_.error_text.clear();
    io_.cancel_timer("sip.giveup");
    changed();
    if (want_line_) send_register(cfg_.register_expires);
  }

  void ws_closed(std::int64_t conn, int code) override {
    if (conn != conn_ || conn_state_ == ConnState::Down) return;
    conn_state_ = ConnState::Down;
    io_.cancel_timer("sip.keepalive");
    io_.cancel_timer("sip.reg.refresh");
    reg_busy_ = false;
    line_.connection = "disconnected";
    if (line_.registration != "failed") line_.registration = "unregistered";
    io_.log("warn", sb::format("the PBX connection closed (code {})", code));
    // Transactions on the old connection can never be answered.
    for (auto it = client_.begin(); it != client_.end();) {
      io_.cancel_timer("sip.tx." + it->first);
      it = client_.erase(it);
    }
    server_.clear();
    server_order_.clear();
    // Calls still being set up cannot survive; established ones wait for the line to come back.
    std::vector<std::string> lost;
    for (auto& [id, s] : sessions_)
      if (s.phase != Phase::Confirmed) lost.push_back(id);
    for (const auto& id : lost) {
      if (Session* s = find(id)) {
        finish(*s, false);
        ev_.ended(id, EndCause::ConnectionLost, 0);
      }
    }
    for (auto& [id, s] : sessions_) s.reinvite_busy = false;
    if (!sessions_.empty()) io_.set_timer("sip.giveup", kGiveUpDialogsMs);
    if (want_line_) schedule_reconnect();
    changed();
  }

  void ws_message(std::int64_t conn, const std::string& data) override {
    if (conn != conn_ || conn_state_ != ConnState::Up) return;
    if (is_crlf_only(data)) {
      pong_seen_ = true;  // RFC 5626 §4.4.1 keep-alive answer
      io_.cancel_timer("sip.pong");
      return;
    }
    auto parsed = Message::parse(data);
    if (!parsed) {
      io_.log("warn", sb::format("dropped a SIP message that does not parse: {}", parsed.error().message));
      return;
    }
    if (parsed->is_response()) {
      on_response(*parsed);
    } else {
      on_request(std::move(*parsed));
    }
  }

  bool timer(const std::string& id) override {
    if (id.rfind("sip.", 0) != 0) return false;
    if (id == "sip.reconnect") {
      if (want_line_ && conn_state_ == ConnState::Down) connect();
    } else if (id == "sip.reg.refresh") {
      if (conn_state_ == ConnState::Up && want_line_) send_register(cfg_.register_expires);
    } else if (id == "sip.reg.retry") {
      if (conn_state_ == ConnState::Up && want_line_ && !registered()) send_register(cfg_.register_expires);
    } else if (id == "sip.keepalive") {
      if (conn_state_ == ConnState::Up) {
        send_raw("\r\n\r\n");
        if (pong_seen_) io_.set_timer("sip.pong", 10000);  // the PBX answers pings: expect one
        io_.set_timer("sip.keepalive", std::int64_t{cfg_.keepalive_seconds} * 1000);
      }
    } else if (id == "sip.pong") {
      io_.log("warn", "the PBX stopped answering keep-alives; reconnecting");
      close_socket();
      ws_closed(conn_, 1006);
    } else if (id == "sip.giveup") {
      std::vector<std::string> ids;
      for (auto& [sid, s] : sessions_) ids.push_back(sid);
      for (const auto& sid : ids) {
        if (Session* s = find(sid)) {
          finish(*s, false);
          ev_.ended(sid, EndCause::ConnectionLost, 0);
        }
      }
    } else if (id.rfind("sip.tx.", 0) == 0) {
      transaction_timeout(id.substr(7));
    } else if (id.rfind("sip.2xx.", 0) == 0) {
      retransmit_2xx(id.substr(8));
    } else if (id.rfind("sip.noanswer.", 0) == 0) {
      if (Session* s = find(id.substr(13)); s && s->role == Role::Uac && s->phase != Phase::Confirmed) {
        const std::string sid = s->id;
        (void)hangup(sid);
        ev_.ended(sid, EndCause::NoAnswer, 0);
      }
    } else if (id.rfind("sip.glare.", 0) == 0) {
      if (Session* s = find(id.substr(10)); s && s->phase == Phase::Confirmed && !s->reinvite_busy) {
        start_hold(*s, s->hold_target);
      }
    }
    return true;
  }

  void media_sdp(const std::string& session, const std::string& type, const std::string& sdp) override {
    Session* s = find(session);
    if (!s) return;
    const MediaWait wait = s->media_wait;
    s->media_wait = MediaWait::None;
    s->local_sdp = sdp;
    switch (wait) {
      case MediaWait::InviteOffer:
        if (type == "offer") return send_invite(*s, sdp);
        break;
      case MediaWait::InviteAnswer:
      case MediaWait::InviteOffer200:
        if (s->phase == Phase::Early && s->uas_invite) return send_2xx(*s, *s->uas_invite, sdp);
        return;
      case MediaWait::HoldOffer:
        if (type == "offer") return send_reinvite(*s, sdp);
        break;
      case MediaWait::ReinviteAnswer:
      case MediaWait::ReinviteOffer200:
        if (s->remote_reinvite) {
          Message req = std::move(*s->remote_reinvite);
          s->remote_reinvite.reset();
          return send_2xx(*s, req, sdp);
        }
        return;
      case MediaWait::None: break;
    }
    io_.log("debug", sb::format("call {}: media {} arrived unasked; ignored", session, type));
  }

  void media_failed(const std::string& session, const std::string& reason) override {
    Session* s = find(session);
    if (!s) return;
    const MediaWait wait = s->media_wait;
    s->media_wait = MediaWait::None;
    io_.log("warn", sb::format("call {}: media failed ({})", session, reason));
    switch (wait) {
      case MediaWait::InviteOffer:
        finish(*s, false);
        ev_.ended(session, EndCause::MediaFailed, 0);
        return;
      case MediaWait::InviteAnswer:
      case MediaWait::InviteOffer200:
        if (s->uas_invite) respond(*s->uas_invite, reason == "sdp_rejected" ? 488 : 480, {}, s->dialog.local_tag);
        finish(*s, false);
        ev_.ended(session, EndCause::MediaFailed, 0);
        return;
      case MediaWait::HoldOffer:
        s->reinvite_busy = false;
        ev_.hold_done(session, s->hold_target, false);
        return;
      case MediaWait::ReinviteAnswer:
      case MediaWait::ReinviteOffer200:
        if (s->remote_reinvite) {
          respond(*s->remote_reinvite, 488);
          s->remote_reinvite.reset();
        }
        return;
      case MediaWait::None:
        // An established call lost its media path (ICE failed): end it rather than leave silence.
        if (s->phase == Phase::Confirmed && reason == "ice_failed") {
          finish(*s, true);
          ev_.ended(session, EndCause::MediaFailed, 0);
        }
        return;
    }
  }

  // ---- surviving a reload ----

  Json save(const std::string& id) const override {
    auto it = sessions_.find(id);
    if (it == sessions_.end() || it->second.phase != Phase::Confirmed) return nullptr;
    const Session& s = it->second;
    const Dialog& d = s.dialog;
    return JsonObject()
        .text("role", s.role == Role::Uac ? "uac" : "uas")
        .text("call_id", d.call_id)
        .text("local_tag", d.local_tag)
        .text("remote_tag", d.remote_tag)
        .text("local_uri", d.local_uri)
        .text("remote_uri", d.remote_uri)
        .text("remote_target", d.remote_target)
        .value("route_set", Json(d.route_set))
        .number("local_cseq", d.local_cseq)
        .number("remote_cseq", d.remote_cseq)
        .text("remote_sdp", s.remote_sdp)
        .flag("telephone_event", s.telephone_event)
        .flag("held", s.held)
        .take();
  }

  Result<void> restore(const std::string& id, const Json& saved) override {
    Session s;
    s.id = id;
    s.role = string_or(saved, "role", "uac") == "uas" ? Role::Uas : Role::Uac;
    s.phase = Phase::Confirmed;
    Dialog& d = s.dialog;
    d.call_id = string_or(saved, "call_id", "");
    d.local_tag = string_or(saved, "local_tag", "");
    d.remote_tag = string_or(saved, "remote_tag", "");
    d.local_uri = string_or(saved, "local_uri", "");
    d.remote_uri = string_or(saved, "remote_uri", "");
    d.remote_target = string_or(saved, "remote_target", "");
    if (const Json* routes = find_field(saved, "route_set"); routes && routes->is_array()) {
      for (const auto& r : *routes)
        if (r.is_string()) d.route_set.push_back(r.get<std::string>());
    }
    d.local_cseq = static_cast<std::uint32_t>(int_or(saved, "local_cseq", 1));
    d.remote_cseq = static_cast<std::uint32_t>(int_or(saved, "remote_cseq", 0));
    s.remote_sdp = string_or(saved, "remote_sdp", "");
    s.telephone_event = bool_or(saved, "telephone_event", false);
    s.held = bool_or(saved, "held", false);
    s.hold_target = s.held;
    if (d.call_id.empty() || d.local_tag.empty() || d.remote_tag.empty() || d.remote_target.empty()) {
      return make_error("store.bad_entry", sb::format("saved call {} lacks its dialog identifiers", id));
    }
    if (auto uri = sip::parse_uri(d.remote_target); !uri) {
      return make_error("store.bad_entry", sb::format("saved call {} has a bad remote target: {}", id, uri.error().message));
    }
    sessions_[id] = std::move(s);
    restored_.push_back(id);
    return Ok{};
  }

 private:
  enum class ConnState { Down, Connecting, Up };

  // ---- helpers ----

  Session* find(const std::string& id) {
    auto it = sessions_.find(id);
    return it == sessions_.end() ? nullptr : &it->second;
  }

  Session* find_dialog(std::string_view call_id, std::string_view local_tag, std::string_view remote_tag) {
    for (auto& [id, s] : sessions_) {
      if (s.dialog.call_id == call_id && s.dialog.local_tag == local_tag &&
          (s.dialog.remote_tag.empty() || s.dialog.remote_tag == remote_tag))
        return &s;
    }
    return nullptr;
  }

  std::string aor() const { return sb::format("sip:{}@{}", cfg_.user, cfg_.domain); }

  std::string contact() const {
    return sb::format("<sip:{}@{};transport=ws;ob>", contact_user_, via_host_);
  }

  std::string via(const std::string& branch) const {
    return sb::format("SIP/2.0/{} {};branch={}", secure_ ? "WSS" : "WS", via_host_, branch);
  }

  std::string new_branch() { return "z9hG4bK" + rnd_.token(16); }

  // A dial string to a SIP URI: URIs pass through, numbers and extensions go to our domain.
  std::string target_uri(const std::string& target) const {
    if (target.rfind("sip:", 0) == 0 || target.rfind("sips:", 0) == 0) return target;
    if (target.find('@') != std::string::npos) return "sip:" + target;
    return sb::format("sip:{}@{}", sip::uri_escape(target, sip::UriPart::User), cfg_.domain);
  }

  std::string from_header(const Dialog& d) const {
    const std::string name = cfg_.display_name.empty() ? std::string() : quote_if_needed(cfg_.display_name) + " ";
    return sb::format("{}<{}>;tag={}", name, d.local_uri, d.local_tag);
  }

  std::string to_header(const Dialog& d) const {
    return d.remote_tag.empty() ? angle(d.remote_uri) : sb::format("<{}>;tag={}", d.remote_uri, d.remote_tag);
  }

  void send_raw(const std::string& data) {
    if (conn_state_ != ConnState::Up) return;
    io_.effect("ws.send").number("conn", conn_).text("data", data).send();
  }

  void send(const OutgoingMessage& m) { send_raw(m.serialize()); }

  void changed() { ev_.line_changed(); }

  void emit_media_create(const std::string& id, const std::string& remote_sdp) {
    auto fx = io_.effect("media.create");
    fx.text("session", id).text("direction", "sendrecv").value("ice_servers", cfg_.ice_servers);
    if (!remote_sdp.empty()) fx.text("remote_sdp", remote_sdp);
    fx.send();
  }

  void remember_remote_sdp(Session& s, std::string_view body) {
    s.remote_sdp = std::string(body);
    if (auto sdp = sip::Sdp::parse(body)) {
      s.telephone_event = sdp->offers_telephone_event();
      const bool hold = sdp->is_hold();
      if (hold != s.remote_hold) {
        s.remote_hold = hold;
        ev_.remote_hold(s.id, hold);
      }
    }
  }

  static bool has_sdp(const Message& m) {
    return !m.body().empty() && m.content_type().find("application/sdp") != std::string_view::npos;
  }

  // ---- transport ----

  void connect() {
    ++conn_;
    conn_state_ = ConnState::Connecting;
    line_.connection = "connecting";
    io_.effect("ws.connect").number("conn", conn_).text("url", cfg_.ws_url).value("protocols", Json::array({"sip"})).send();
    changed();
  }

  void close_socket() {
    if (conn_state_ == ConnState::Down) return;
    io_.effect("ws.close").number("conn", conn_).send();
    conn_state_ = ConnState::Down;
    io_.cancel_timer("sip.keepalive");
    io_.cancel_timer("sip.pong");
    io_.cancel_timer("sip.reg.refresh");
    line_.connection = "disconnected";
    if (line_.registration != "failed") line_.registration = "unregistered";
    changed();
  }

  // Capped exponential backoff with jitter: 1 s, 2 s, 4 s … 30 s, each ±50 %.
  void schedule_reconnect() {
    std::int64_t base = 1000;
    for (int i = 0; i < reconnect_attempt_ && base < kReconnectCapMs; ++i) base *= 2;
    base = std::min(base, kReconnectCapMs);
    ++reconnect_attempt_;
    const std::int64_t delay = base / 2 + static_cast<std::int64_t>(rnd_.below(static_cast<std::uint32_t>(base)));
    line_.retry_at = io_.now() + delay;
    io_.set_timer("sip.reconnect", delay);
  }

  // ---- registration ----

  void send_register(int expires) {
    OutgoingMessage m = OutgoingMessage::request("REGISTER", "sip:" + cfg_.domain);
    const std::string branch = new_branch();
    m.add("Via", via(branch));
    m.add("Max-Forwards", "70");
    m.add("To", angle(aor()));
    m.add("From", sb::format("<{}>;tag={}", aor(), reg_tag_));
    m.add("Call-ID", reg_call_id_);
    m.add("CSeq", sb::format("{} REGISTER", ++reg_cseq_));
    m.add("Contact", sb::format("{};+sip.ice;reg-id=1;+sip.instance=\"<{}>\";expires={}", contact(), instance_, expires));
    m.add("Expires", std::to_string(expires));
    m.add("Allow", kAllow);
    m.add("Supported", "path, outbound, gruu, replaces");
    m.add("User-Agent", kUserAgent);
    if (reg_challenge_) add_auth(m, *reg_challenge_, "REGISTER", "sip:" + cfg_.domain);
    reg_busy_ = true;
    reg_expires_asked_ = expires;
    if (expires > 0) {
      line_.registration = "registering";
      changed();
    }
    start_client(branch, Purpose::Register, "", std::move(m));
  }

  void add_auth(OutgoingMessage& m, const sip::DigestChallenge& ch, std::string_view method, const std::string& uri) {
    if (ch.nonce != nonce_) {
      nonce_ = ch.nonce;
      nc_ = 0;
    }
    const std::string cnonce = rnd_.token(16);
    sip::DigestRequest req{cfg_.auth_user, cfg_.password, method, uri, cnonce, ++nc_, m.body()};
    auto value = sip::digest_authorization(ch, req);
    if (!value) {
      io_.log("warn", sb::format("cannot answer the PBX's challenge: {}", value.error().message));
      return;
    }
    m.set(std::string(sip::authorization_header_name(ch)), *value);
  }

  void on_register_response(const Message& r) {
    const int code = r.status();
    if (code < 200) return;
    reg_busy_ = false;
    if (code == 401 || code == 407) {
      auto ch = sip::pick_challenge(r);
      const bool retry = ch && (reg_auth_attempts_ == 0 || ch->stale);
      if (ch && retry && !cfg_.password.empty()) {
        ++reg_auth_attempts_;
        reg_challenge_ = *ch;
        send_register(reg_expires_asked_);
        return;
      }
      reg_auth_attempts_ = 0;
      return register_failed("sip.auth", "The PBX refused this phone's credentials. Check the SIP user and password.");
    }
    reg_auth_attempts_ = 0;
    if (code == 423) {
      if (auto min = r.min_expires(); min && *min <= 86400) {
        cfg_.register_expires = static_cast<int>(*min);
        send_register(cfg_.register_expires);
        return;
      }
    }
    if (code >= 300) {
      register_failed("sip.protocol", sb::format("The PBX refused registration ({} {}).", code, r.reason_phrase()));
      if (code >= 500 || code == 408) io_.set_timer("sip.reg.retry", 30000);
      return;
    }
    if (reg_expires_asked_ == 0) {
      line_.registration = "unregistered";
      changed();
      if (!want_line_) close_socket();
      return;
    }
    // The expiry the registrar granted to our contact (or the Expires header, or what we asked).
    std::int64_t granted = reg_expires_asked_;
    if (auto e = r.expires()) granted = *e;
    for (const auto& c : r.contacts()) {
      if (c.uri.user == contact_user_) {
        if (auto e = c.params.get("expires")) {
          if (auto n = sip::parse_uint(*e)) granted = *n;
        }
      }
    }
    line_.registration = "registered";
    line_.error_code.clear();
    line_.error_text.clear();
    changed();
    const std::int64_t refresh = granted > 120 ? granted - 60 : std::max<std::int64_t>(granted / 2, 5);
    io_.set_timer("sip.reg.refresh", refresh * 1000);
    if (cfg_.keepalive_seconds > 0 && !io_.timer_active("sip.keepalive"))
      io_.set_timer("sip.keepalive", std::int64_t{cfg_.keepalive_seconds} * 1000);
    restore_dialogs();
  }

  void register_failed(std::string code, std::string text) {
    line_.registration = "failed";
    line_.error_code = std::move(code);
    line_.error_text = std::move(text);
    changed();
  }

  // After a reconnect (or a reload), established calls get a re-INVITE: it carries our new Contact
  // and fresh media (RFC 3261 §14 target refresh).
  void restore_dialogs() {
    io_.cancel_timer("sip.giveup");
    for (auto& [id, s] : sessions_) {
      const bool was_restored = std::find(restored_.begin(), restored_.end(), id) != restored_.end();
      if (s.phase == Phase::Confirmed && !s.reinvite_busy && !was_restored && !s.local_sdp.empty()) {
        s.reinvite_busy = true;
        send_reinvite(s, s.local_sdp, /*refresh=*/true);
      }
    }
    for (const auto& id : restored_) {
      if (Session* s = find(id)) {
        s->media_wait = MediaWait::HoldOffer;
        s->reinvite_busy = true;
        s->hold_target = s->held;
        io_.effect("media.create")
            .text("session", id)
            .text("direction", s->held ? "sendonly" : "sendrecv")
            .value("ice_servers", cfg_.ice_servers)
            .send();
      }
    }
    restored_.clear();
  }

  // ---- client transactions ----

  void start_client(const std::string& branch, Purpose purpose, const std::string& session, OutgoingMessage m,
                    bool hold_value = false) {
    send(m);
    ClientTx tx;
    tx.branch = branch;
    tx.purpose = purpose;
    tx.session = session;
    tx.request = std::move(m);
    tx.hold_value = hold_value;
    client_[branch] = std::move(tx);
    io_.set_timer("sip.tx." + branch, kTransactionTimeout);
  }

  void transaction_timeout(const std::string& branch) {
    auto it = client_.find(branch);
    if (it == client_.end()) return;
    ClientTx tx = std::move(it->second);
    client_.erase(it);
    io_.log("warn", sb::format("{} got no final answer in {} s", tx.request.method(), kTransactionTimeout / 1000));
    switch (tx.purpose) {
      case Purpose::Register:
        reg_busy_ = false;
        register_failed("sip.protocol", "The PBX did not answer the registration. Retrying…");
        io_.set_timer("sip.reg.retry", 10000);
        break;
      case Purpose::Invite:
        if (Session* s = find(tx.session)) {
          const std::string id = s->id;
          finish(*s, false);
          ev_.ended(id, EndCause::NoAnswer, 408);
        }
        break;
      case Purpose::Reinvite:
        if (Session* s = find(tx.session)) {
          s->reinvite_busy = false;
          io_.effect("media.rollback").text("session", s->id).send();
          ev_.hold_done(s->id, tx.hold_value, false);
        }
        break;
      case Purpose::Refer:
        ev_.transfer_result(tx.session, false, 408);
        break;
      case Purpose::Info:
        if (Session* s = find(tx.session)) {
          s->info_busy = false;
          pump_info(*s);
        }
        break;
      case Purpose::Bye:
      case Purpose::Cancel:
      case Purpose::Notify:
      case Purpose::Other: break;
    }
  }

  void on_response(const Message& r) {
    auto branch = r.top_via().branch();
    if (!branch) return;
    auto it = client_.find(std::string(*branch));
    if (it == client_.end()) {
      // A retransmitted 2xx for an INVITE whose transaction is over: the ACK got lost upstream.
      if (r.method() == "INVITE" && r.status() >= 200 && r.status() < 300) resend_ack(r);
      return;
    }
    const int code = r.status();
    ClientTx& tx = it->second;
    if (r.method() != tx.request.method()) return;  // the answer to our CANCEL, which shares the INVITE's branch
    const Purpose purpose = tx.purpose;
    const bool refresh = tx.refresh;
    const std::string session = tx.session;
    const bool hold_value = tx.hold_value;
    if (code >= 200) {
      io_.cancel_timer("sip.tx." + it->first);
    }
    switch (purpose) {
      case Purpose::Register:
        if (code >= 200) client_.erase(it);
        on_register_response(r);
        return;
      case Purpose::Invite: {
        OutgoingMessage request = tx.request;
        if (code >= 200) client_.erase(it);
        on_invite_response(session, r, request);
        return;
      }
      case Purpose::Reinvite:
        if (code >= 200) client_.erase(it);
        on_reinvite_response(session, r, hold_value, refresh);
        return;
      case Purpose::Refer:
        if (code >= 200) client_.erase(it);
        if (code >= 300) ev_.transfer_result(session, false, code);
        return;
      case Purpose::Info:
        if (code >= 200) {
          client_.erase(it);
          if (Session* s = find(session)) {
            s->info_busy = false;
            pump_info(*s);
          }
        }
        return;
      case Purpose::Bye:
      case Purpose::Cancel:
      case Purpose::Notify:
      case Purpose::Other:
        if (code >= 200) client_.erase(it);
        return;
    }
  }

  // ---- outgoing calls ----

  void send_invite(Session& s, const std::string& sdp) {
    OutgoingMessage m = OutgoingMessage::request("INVITE", s.request_uri);
    const std::string branch = new_branch();
    s.invite_branch = branch;
    s.invite_cseq = ++s.dialog.local_cseq;
    m.add("Via", via(branch));
    m.add("Max-Forwards", "70");
    m.add("To", angle(s.dialog.remote_uri));
    m.add("From", from_header(s.dialog));
    m.add("Call-ID", s.dialog.call_id);
    m.add("CSeq", sb::format("{} INVITE", s.invite_cseq));
    m.add("Contact", contact());
    m.add("Allow", kAllow);
    m.add("Supported", "replaces, outbound");
    m.add("User-Agent", kUserAgent);
    if (!s.replaces.empty()) m.add("Replaces", s.replaces);
    if (!s.referred_by.empty()) m.add("Referred-By", s.referred_by);
    m.set_body("application/sdp", sdp);
    if (invite_challenge_ && invite_challenge_->realm.size()) add_auth(m, *invite_challenge_, "INVITE", s.request_uri);
    s.invite = m;
    start_client(branch, Purpose::Invite, s.id, std::move(m));
  }

  void send_cancel(Session& s) {
    if (s.cancel_sent || !s.invite) return;
    s.cancel_sent = true;
    OutgoingMessage m = OutgoingMessage::request("CANCEL", s.request_uri);
    m.add("Via", via(s.invite_branch));
    m.add("Max-Forwards", "70");
    m.add("To", angle(s.dialog.remote_uri));
    m.add("From", from_header(s.dialog));
    m.add("Call-ID", s.dialog.call_id);
    m.add("CSeq", sb::format("{} CANCEL", s.invite_cseq));
    m.add("User-Agent", kUserAgent);
    // The CANCEL shares the INVITE's branch; its 200 is recognised by its CSeq method and dropped.
    send(m);
  }

  // ACK for a non-2xx final response: same branch as the INVITE, the response's To (RFC 3261 §17.1.1.3).
  void ack_non_2xx(const Message& r, const OutgoingMessage& invite) {
    OutgoingMessage m = OutgoingMessage::request("ACK", invite.request_uri());
    m.add("Via", std::string(*invite.get("Via")));
    m.add("Max-Forwards", "70");
    m.add("To", std::string(r.to().text));
    m.add("From", std::string(*invite.get("From")));
    m.add("Call-ID", std::string(r.call_id()));
    m.add("CSeq", sb::format("{} ACK", r.cseq().number));
    for (auto route : invite.get_all("Route")) m.add("Route", route);
    send(m);
  }

  OutgoingMessage in_dialog_request(Session& s, std::string_view method, std::string& branch, bool new_cseq = true) {
    OutgoingMessage m = OutgoingMessage::request(method, s.dialog.remote_target);
    branch = new_branch();
    m.add("Via", via(branch));
    m.add("Max-Forwards", "70");
    for (const auto& route : s.dialog.route_set) m.add("Route", route);
    m.add("To", to_header(s.dialog));
    m.add("From", from_header(s.dialog));
    m.add("Call-ID", s.dialog.call_id);
    if (new_cseq) ++s.dialog.local_cseq;
    m.add("CSeq", sb::format("{} {}", s.dialog.local_cseq, method));
    m.add("User-Agent", kUserAgent);
    return m;
  }

  void establish_dialog(Session& s, const Message& r) {
    if (auto tag = r.to().tag()) s.dialog.remote_tag = std::string(*tag);
    s.dialog.route_set.clear();
    auto rr = r.record_routes();
    for (auto it = rr.rbegin(); it != rr.rend(); ++it) s.dialog.route_set.emplace_back(it->text);
    auto contacts = r.contacts();
    if (!contacts.empty() && !contacts.front().star) s.dialog.remote_target = std::string(contacts.front().uri.text);
  }

  void on_invite_response(const std::string& id, const Message& r, const OutgoingMessage& invite) {
    Session* s = find(id);
    const int code = r.status();
    if (!s) {
      // The call is gone (cancelled, hung up) but the callee answered: take the call down properly.
      if (code >= 200 && code < 300) bye_orphan(r);
      if (code >= 300) ack_non_2xx(r, invite);
      return;
    }
    if (code < 200) {
      if (code == 100) return;
      s->provisional = true;
      if (r.to().tag() && s->phase == Phase::Calling) {
        establish_dialog(*s, r);
        s->phase = Phase::Early;
      }
      const bool early_sdp = has_sdp(r) && s->remote_sdp.empty();
      if (early_sdp) {
        remember_remote_sdp(*s, r.body());
        io_.effect("media.apply").text("session", id).text("sdp", s->remote_sdp).send();
      }
      if (s->cancel_wanted) {
        send_cancel(*s);
        return;
      }
      ev_.progress(id, code, early_sdp || !s->remote_sdp.empty());
      return;
    }
    io_.cancel_timer("sip.noanswer." + id);
    if (code < 300) {
      establish_dialog(*s, r);
      s->phase = Phase::Confirmed;
      send_ack_2xx(*s, r.cseq().number);
      if (s->cancel_wanted) {  // answered while our CANCEL was on its way
        finish(*s, true);
        ev_.ended(id, EndCause::Canceled, 0);
        return;
      }
      if (has_sdp(r) && s->remote_sdp.empty()) {
        remember_remote_sdp(*s, r.body());
        io_.effect("media.apply").text("session", id).text("sdp", s->remote_sdp).send();
      }
      ev_.answered(id);
      notify_transferor(*s, 200);
      return;
    }
    ack_non_2xx(r, invite);
    if ((code == 401 || code == 407) && s->auth_attempts < 2 && !cfg_.password.empty()) {
      if (auto ch = sip::pick_challenge(r)) {
        ++s->auth_attempts;
        invite_challenge_ = *ch;
        s->phase = Phase::Calling;
        send_invite(*s, s->local_sdp);
        return;
      }
    }
    const std::string sid = s->id;
    const bool canceled = s->cancel_wanted;
    notify_transferor(*s, code);
    finish(*s, false);
    ev_.ended(sid, canceled ? EndCause::Canceled : end_cause_for_sip(code), code);
  }

  void send_ack_2xx(Session& s, std::uint32_t cseq) {
    std::string branch;
    OutgoingMessage m = in_dialog_request(s, "ACK", branch, false);
    m.set("CSeq", sb::format("{} ACK", cseq));
    s.last_ack = m.serialize();
    send_raw(s.last_ack);
  }

  void resend_ack(const Message& r) {
    for (auto& [id, s] : sessions_) {
      if (s.dialog.call_id == r.call_id() && !s.last_ack.empty()) {
        send_raw(s.last_ack);
        return;
      }
    }
  }

  // A 2xx for a call we no longer want: ACK it and hang up at once.
  void bye_orphan(const Message& r) {
    Session tmp;
    tmp.id = "orphan";
    tmp.dialog.call_id = std::string(r.call_id());
    tmp.dialog.local_tag = std::string(r.from().tag().value_or(""));
    tmp.dialog.local_uri = std::string(r.from().uri.text);
    tmp.dialog.remote_uri = std::string(r.to().uri.text);
    tmp.dialog.remote_target = tmp.dialog.remote_uri;
    tmp.dialog.local_cseq = r.cseq().number;
    establish_dialog(tmp, r);
    send_ack_2xx(tmp, r.cseq().number);
    std::string branch;
    OutgoingMessage bye = in_dialog_request(tmp, "BYE", branch);
    start_client(branch, Purpose::Bye, "", std::move(bye));
  }

  // ---- re-INVITE: hold, resume, media refresh ----

  void start_hold(Session& s, bool on) {
    if (s.held == on) {
      ev_.hold_done(s.id, on, true);
      return;
    }
    s.reinvite_busy = true;
    s.hold_target = on;
    s.media_wait = MediaWait::HoldOffer;
    io_.effect("media.update").text("session", s.id).text("direction", on ? "sendonly" : "sendrecv").send();
    // On hold the caller hears nothing from us: the microphone is muted too.
    io_.effect("media.mute").text("session", s.id).flag("muted", on || s.user_muted).send();
  }

  void send_reinvite(Session& s, const std::string& sdp, bool refresh = false) {
    std::string branch;
    OutgoingMessage m = in_dialog_request(s, "INVITE", branch);
    m.add("Contact", contact());
    m.add("Allow", kAllow);
    m.add("Supported", "replaces, outbound");
    m.set_body("application/sdp", sdp);
    if (invite_challenge_ && invite_challenge_->realm.size()) add_auth(m, *invite_challenge_, "INVITE", s.dialog.remote_target);
    start_client(branch, Purpose::Reinvite, s.id, std::move(m), s.hold_target);
    client_[branch].refresh = refresh;
  }

  void on_reinvite_response(const std::string& id, const Message& r, bool hold_value, bool refresh) {
    Session* s = find(id);
    if (!s) return;
    const int code = r.status();
    if (code < 200) return;
    if (code < 300) {
      send_ack_2xx(*s, r.cseq().number);
      if (auto contacts = r.contacts(); !contacts.empty() && !contacts.front().star)
        s->dialog.remote_target = std::string(contacts.front().uri.text);
      s->reinvite_busy = false;
      if (refresh) return;  // the media did not change
      if (has_sdp(r)) {
        remember_remote_sdp(*s, r.body());
        io_.effect("media.apply").text("session", id).text("sdp", s->remote_sdp).send();
      }
      s->held = hold_value;
      ev_.hold_done(id, hold_value, true);
    } else {
      // Non-2xx to a re-INVITE is ACKed in its transaction; the dialog lives on unless it is gone.
      std::string branch;
      OutgoingMessage ack = in_dialog_request(*s, "ACK", branch, false);
      ack.set("Via", std::string(r.top_via().text));
      ack.set("CSeq", sb::format("{} ACK", r.cseq().number));
      send(ack);
      if (!refresh) io_.effect("media.rollback").text("session", id).send();
      s->reinvite_busy = false;
      if (refresh) return;
      if (code == 491) {  // glare: try again after a random 2.1–4 s (RFC 3261 §14.1)
        io_.set_timer("sip.glare." + id, 2100 + rnd_.below(1900));
        return;
      }
      if (code == 481 || code == 408) {
        finish(*s, false);
        ev_.ended(id, EndCause::ConnectionLost, code);
        return;
      }
      io_.effect("media.mute").text("session", id).flag("muted", s->held || s->user_muted).send();
      ev_.hold_done(id, hold_value, false);
    }
    if (s->hold_queued) {
      const bool next = *s->hold_queued;
      s->hold_queued.reset();
      if (next != s->held) start_hold(*s, next);
    }
  }

  // ---- transfer ----

  void send_refer(Session& s, const std::string& refer_to) {
    std::string branch;
    OutgoingMessage m = in_dialog_request(s, "REFER", branch);
    m.add("Contact", contact());
    m.add("Refer-To", refer_to);
    m.add("Referred-By", angle(aor()));
    start_client(branch, Purpose::Refer, s.id, std::move(m));
  }

  // We are the transferee: tell the transferor how the new call went (RFC 3515 NOTIFY + sipfrag).
  void notify_transferor(Session& s, int code) {
    if (s.notify_transferor.empty() || s.transfer_reported) return;
    Session* t = find(s.notify_transferor);
    if (!t || t->phase != Phase::Confirmed) return;
    s.transfer_reported = code >= 200;
    send_notify(*t, code, code >= 200);
  }

  void send_notify(Session& t, int code, bool final) {
    std::string branch;
    OutgoingMessage m = in_dialog_request(t, "NOTIFY", branch);
    m.add("Contact", contact());
    m.add("Event", "refer");
    m.add("Subscription-State", final ? "terminated;reason=noresource" : "active;expires=60");
    m.set_body("message/sipfrag;version=2.0", sip::sipfrag(code));
    start_client(branch, Purpose::Notify, t.id, std::move(m));
  }

  // ---- DTMF by INFO ----

  void pump_info(Session& s) {
    if (s.info_busy || s.dtmf_queue.empty() || s.phase != Phase::Confirmed) return;
    const char digit = s.dtmf_queue.front();
    s.dtmf_queue.erase(0, 1);
    std::string branch;
    OutgoingMessage m = in_dialog_request(s, "INFO", branch);
    m.set_body("application/dtmf-relay", sip::dtmf_relay(digit, 160));
    s.info_busy = true;
    start_client(branch, Purpose::Info, s.id, std::move(m));
  }

  // ---- ending ----

  // Ends a session: BYE when it was established and bye is set, media closed, timers cancelled.
  void finish(Session& s, bool bye) {
    if (bye && s.phase == Phase::Confirmed && conn_state_ == ConnState::Up) {
      std::string branch;
      OutgoingMessage m = in_dialog_request(s, "BYE", branch);
      start_client(branch, Purpose::Bye, s.id, std::move(m));
    }
    const std::string id = s.id;
    io_.cancel_timer("sip.noanswer." + id);
    io_.cancel_timer("sip.2xx." + id);
    io_.cancel_timer("sip.glare." + id);
    io_.effect("media.close").text("session", id).send();
    sessions_.erase(id);
    if (sessions_.empty()) io_.cancel_timer("sip.giveup");
  }

  // ---- requests from the network ----

  void respond(const Message& req, int code, std::string_view reason = {}, std::string_view to_tag = {},
               const std::string& sdp = {}, bool with_contact = false) {
    OutgoingMessage m = sip::make_response(req, code, reason, to_tag);
    m.add("User-Agent", kUserAgent);
    if (with_contact) {
      m.add("Contact", contact());
      m.add("Allow", kAllow);
      m.add("Supported", "replaces, outbound");
    }
    if (!sdp.empty()) m.set_body("application/sdp", sdp);
    std::string text = m.serialize();
    if (auto branch = req.top_via().branch(); branch && req.method() != "ACK") {
      remember_server(std::string(*branch) + " " + std::string(req.method()), text);
    }
    send_raw(text);
  }

  // Answers to requests, kept to absorb retransmissions for as long as a request can be retransmitted
  // (64·T1), and at most the last 128.
  void remember_server(const std::string& key, const std::string& response) {
    while (!server_order_.empty() &&
           (server_order_.size() >= 128 || io_.now() - server_[server_order_.front()].at > kTransactionTimeout)) {
      server_.erase(server_order_.front());
      server_order_.erase(server_order_.begin());
    }
    if (server_.find(key) == server_.end()) server_order_.push_back(key);
    ServerTx& tx = server_[key];
    tx.last_response = response;
    tx.at = io_.now();
  }

  void on_request(Message req) {
    const std::string_view method = req.method();
    if (method == "ACK") return on_ack(req);
    if (method == "CANCEL") return on_cancel(req);
    // A retransmission of a request we already answered: answer it the same way again.
    if (auto branch = req.top_via().branch()) {
      auto it = server_.find(std::string(*branch) + " " + std::string(method));
      if (it != server_.end()) {
        if (!it->second.last_response.empty()) send_raw(it->second.last_response);
        return;
      }
    }
    const auto to_tag = req.to().tag();
    if (to_tag && !to_tag->empty()) return on_in_dialog(std::move(req));
    if (method == "INVITE") return on_invite(std::move(req));
    if (method == "OPTIONS") return respond(req, 200, {}, rnd_.token(10), {}, true);
    if (method == "NOTIFY" || method == "BYE" || method == "INFO" || method == "REFER" || method == "UPDATE")
      return respond(req, 481);
    OutgoingMessage m = sip::make_response(req, 405, {}, rnd_.token(10));
    m.add("Allow", kAllow);
    send(m);
  }

  void on_invite(Message req) {
    if (!has_sdp(req) && !req.body().empty()) return respond(req, 415);
    if (req.has_token(sip::HeaderId::Require, "100rel") || req.has_token(sip::HeaderId::Require, "timer")) {
      OutgoingMessage m = sip::make_response(req, 420);
      m.add("Unsupported", req.has_token(sip::HeaderId::Require, "100rel") ? "100rel" : "timer");
      return send(m);
    }
    IncomingCall in;
    in.from_uri = std::string(req.from().uri.text);
    in.from_user = req.from().uri.user_unescaped();
    in.display_name = req.from().display();
    in.to_user = req.to().uri.user_unescaped();
    in.sip_call_id = std::string(req.call_id());
    if (auto pai = req.addresses(sip::HeaderId::PAssertedIdentity); !pai.empty()) {
      in.from_user = pai.front().uri.user_unescaped();
      if (!pai.front().display_name.empty()) in.display_name = pai.front().display();
    }
    std::string replaced;
    if (auto rep = req.replaces()) {
      Session* old = find_dialog(rep->call_id, rep->to_tag, rep->from_tag);
      if (!old || old->phase != Phase::Confirmed) return respond(req, 481);
      replaced = old->id;
      in.replaces = replaced;
    }
    if (auto by = req.referred_by()) in.referred_by = std::string(by->uri.text);
    respond(req, 100);
    IncomingDecision d = ev_.incoming(in);
    if (!d.accept) return respond(req, d.reject_code, {}, rnd_.token(10));
    Session& s = sessions_[d.call_id];
    s.id = d.call_id;
    s.role = Role::Uas;
    s.phase = Phase::Early;
    s.dialog.call_id = std::string(req.call_id());
    s.dialog.local_tag = rnd_.token(10);
    s.dialog.remote_tag = std::string(req.from().tag().value_or(""));
    s.dialog.local_uri = std::string(req.to().uri.text);
    s.dialog.remote_uri = std::string(req.from().uri.text);
    s.dialog.remote_cseq = req.cseq().number;
    if (auto contacts = req.contacts(); !contacts.empty()) s.dialog.remote_target = std::string(contacts.front().uri.text);
    for (const auto& rr : req.record_routes()) s.dialog.route_set.emplace_back(rr.text);
    s.invite_branch = std::string(req.top_via().branch().value_or(""));
    if (has_sdp(req)) remember_remote_sdp(s, req.body());
    s.uas_invite = std::move(req);
    if (replaced.empty()) {
      respond(*s.uas_invite, 180, {}, s.dialog.local_tag, {}, true);
    } else {
      // A replacing INVITE (attended transfer) is answered at once; the dialog it replaces ends.
      (void)answer(s.id);
      if (Session* old = find(replaced)) {
        finish(*old, true);
        ev_.ended(replaced, EndCause::Transferred, 0);
      }
    }
  }

  void on_cancel(const Message& req) {
    auto branch = req.top_via().branch();
    for (auto& [id, s] : sessions_) {
      if (s.role == Role::Uas && s.phase == Phase::Early && s.uas_invite && branch && s.invite_branch == *branch) {
        respond(req, 200);
        respond(*s.uas_invite, 487, {}, s.dialog.local_tag);
        bool elsewhere = false;
        for (const auto& reason : req.reasons())
          if (reason.protocol == "SIP" && reason.cause() == 200u) elsewhere = true;
        const std::string sid = id;
        finish(s, false);
        ev_.ended(sid, elsewhere ? EndCause::AnsweredElsewhere : EndCause::Missed, 487);
        return;
      }
    }
    respond(req, 481);
  }

  void on_ack(const Message& req) {
    const auto to_tag = req.to().tag().value_or("");
    for (auto& [id, s] : sessions_) {
      if (s.role != Role::Uas || s.dialog.call_id != req.call_id() || s.dialog.local_tag != to_tag) continue;
      if (s.last_2xx.empty()) return;  // ACK for a non-2xx, or a duplicate
      io_.cancel_timer("sip.2xx." + id);
      s.last_2xx.clear();
      if (has_sdp(req)) {  // late offer: the answer comes in the ACK
        remember_remote_sdp(s, req.body());
        io_.effect("media.apply").text("session", id).text("sdp", s.remote_sdp).send();
      }
      if (s.phase != Phase::Confirmed) {
        s.phase = Phase::Confirmed;
        s.uas_invite.reset();
        ev_.answered(id);
      }
      return;
    }
  }

  void send_2xx(Session& s, const Message& req, const std::string& sdp) {
    OutgoingMessage m = sip::make_response(req, 200, {}, s.dialog.local_tag);
    m.add("Contact", contact());
    m.add("Allow", kAllow);
    m.add("Supported", "replaces, outbound");
    m.add("User-Agent", kUserAgent);
    m.set_body("application/sdp", sdp);
    s.last_2xx = m.serialize();
    s.retransmit_ms = kT1;
    if (auto branch = req.top_via().branch()) remember_server(std::string(*branch) + " INVITE", s.last_2xx);
    send_raw(s.last_2xx);
    io_.set_timer("sip.2xx." + s.id, kT1);
    s.retransmit_started = io_.now();
  }

  void retransmit_2xx(const std::string& id) {
    Session* s = find(id);
    if (!s || s->last_2xx.empty()) return;
    if (io_.now() - s->retransmit_started >= kTransactionTimeout) {  // Timer H: the ACK never came
      const bool initial = s->phase != Phase::Confirmed;
      s->last_2xx.clear();
      s->phase = Phase::Confirmed;
      finish(*s, true);
      if (initial) ev_.ended(id, EndCause::Failed, 408);
      return;
    }
    send_raw(s->last_2xx);
    s->retransmit_ms = std::min(s->retransmit_ms * 2, kT2);
    io_.set_timer("sip.2xx." + id, s->retransmit_ms);
  }

  void on_in_dialog(Message req) {
    Session* s = find_dialog(req.call_id(), req.to().tag().value_or(""), req.from().tag().value_or(""));
    if (!s) return respond(req, 481);
    const std::string_view method = req.method();
    if (req.cseq().number <= s->dialog.remote_cseq && s->dialog.remote_cseq != 0 && method != "ACK") {
      return respond(req, 500, "Out of order");
    }
    s->dialog.remote_cseq = req.cseq().number;
    const std::string id = s->id;
    if (method == "BYE") {
      respond(req, 200);
      notify_transferor(*s, 487);
      finish(*s, false);
      ev_.ended(id, EndCause::RemoteHangup, 0);
    } else if (method == "INVITE" || method == "UPDATE") {
      on_reinvite(*s, std::move(req));
    } else if (method == "INFO") {
      if (req.content_type().find("application/dtmf-relay") != std::string_view::npos) {
        if (auto d = sip::parse_dtmf_relay(req.body())) ev_.dtmf_received(id, std::string(1, d->signal));
      }
      respond(req, 200);
    } else if (method == "REFER") {
      on_refer(*s, req);
    } else if (method == "NOTIFY") {
      on_notify(*s, req);
    } else if (method == "OPTIONS") {
      respond(req, 200, {}, {}, {}, true);
    } else {
      OutgoingMessage m = sip::make_response(req, 405);
      m.add("Allow", kAllow);
      send(m);
    }
  }

  void on_reinvite(Session& s, Message req) {
    if (s.reinvite_busy || s.remote_reinvite || s.phase != Phase::Confirmed) return respond(req, 491);
    if (auto contacts = req.contacts(); !contacts.empty() && !contacts.front().star)
      s.dialog.remote_target = std::string(contacts.front().uri.text);
    if (req.method() == "UPDATE" && !has_sdp(req)) return respond(req, 200, {}, {}, {}, true);
    const bool offer = has_sdp(req);
    auto fx = io_.effect("media.update");
    fx.text("session", s.id).text("direction", s.held ? "sendonly" : "sendrecv");
    if (offer) {
      remember_remote_sdp(s, req.body());
      fx.text("remote_sdp", s.remote_sdp);
    }
    s.media_wait = offer ? MediaWait::ReinviteAnswer : MediaWait::ReinviteOffer200;
    s.remote_reinvite = std::move(req);
    fx.send();
  }

  void on_refer(Session& s, const Message& req) {
    auto to = req.refer_to();
    if (!to || !to->uri.is_sip()) return respond(req, 400, "Refer-To must be a SIP URI");
    std::string target = std::string(to->uri.text);
    std::string replaces;
    if (auto p = target.find('?'); p != std::string::npos) {
      if (auto rep = to->uri.header("Replaces")) replaces = *rep;
      target.erase(p);
    }
    const std::string user = sip::uri_unescape(to->uri.user);
    const std::string call_id = rnd_.token(22);
    std::string new_id = ev_.referred(s.id, user, call_id);
    if (new_id.empty()) return respond(req, 603);
    respond(req, 202, {}, {}, {}, true);
    send_notify(s, 100, false);
    Session& n = sessions_[new_id];
    n.id = new_id;
    n.role = Role::Uac;
    n.dialog.call_id = call_id;
    n.dialog.local_tag = rnd_.token(10);
    n.dialog.local_uri = aor();
    n.request_uri = target;
    n.dialog.remote_uri = target;
    n.dialog.remote_target = target;
    n.replaces = replaces;
    n.referred_by = req.referred_by() ? std::string(req.referred_by()->text) : std::string();
    n.notify_transferor = s.id;
    n.media_wait = MediaWait::InviteOffer;
    emit_media_create(new_id, "");
  }

  void on_notify(Session& s, const Message& req) {
    respond(req, 200);
    auto event = req.event();
    if (!event || event->package != "refer") return;
    auto frag = sip::parse_sipfrag(req.body());
    if (!frag) return;
    if (frag->status >= 200) ev_.transfer_result(s.id, frag->status < 300, frag->status);
  }

  Io& io_;
  SignallingEvents& ev_;
  SipSettings cfg_;
  DialingOptions dialing_;
  Random& rnd_;
  bool secure_ = false;
  std::string via_host_;
  std::string contact_user_;
  std::string instance_;

  ConnState conn_state_ = ConnState::Down;
  std::int64_t conn_ = 0;
  int reconnect_attempt_ = 0;
  bool want_line_ = false;
  bool pong_seen_ = false;
  LineStatus line_;

  std::string reg_call_id_;
  std::string reg_tag_;
  std::uint32_t reg_cseq_ = 0;
  bool reg_busy_ = false;
  int reg_expires_asked_ = 0;
  int reg_auth_attempts_ = 0;
  std::optional<sip::DigestChallenge> reg_challenge_;
  std::optional<sip::DigestChallenge> invite_challenge_;
  std::string nonce_;
  std::uint32_t nc_ = 0;

  std::map<std::string, Session> sessions_;
  std::map<std::string, ClientTx> client_;
  std::map<std::string, ServerTx> server_;
  std::vector<std::string> server_order_;
  std::vector<std::string> restored_;
};

}  // namespace

std::unique_ptr<Signalling> make_sip_user_agent(Io& io, SignallingEvents& events, const Config& config, Random& random) {
  return std::make_unique<UserAgent>(io, events, config, random);
}

}  // namespace sb
