// Parses arbitrary bytes as a SIP message. Whatever parses must write back to text that parses to the
// same fields, and a response built from a parsed request must parse. The same bytes also go through
// the stand-alone parsers (URI, address, Via, digest, bodies, base64).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_support.h"
#include "sip/bodies.h"
#include "sip/crypto.h"
#include "sip/digest.h"
#include "sip/message.h"
#include "sip/sdp.h"
#include "sip/writer.h"

using namespace sb::sip;

namespace {

void exercise_accessors(const Message& m) {
  (void)m.vias();
  (void)m.contacts();
  (void)m.routes();
  (void)m.record_routes();
  (void)m.addresses(HeaderId::PAssertedIdentity);
  (void)m.refer_to();
  (void)m.referred_by();
  (void)m.replaces();
  (void)m.event();
  (void)m.subscription_state();
  (void)m.session_expires();
  (void)m.expires();
  (void)m.reasons();
  (void)m.has_token(HeaderId::Supported, "timer");
  for (const auto& a : m.auth_headers(m.status() == 407 ? HeaderId::ProxyAuthenticate : HeaderId::WwwAuthenticate)) {
    (void)a.param("nonce");
  }
  if (auto refer_to = m.refer_to()) {
    if (auto replaces = refer_to->uri.header("Replaces")) (void)parse_replaces(*replaces);
  }
  if (m.is_response() && (m.status() == 401 || m.status() == 407)) {
    if (auto c = pick_challenge(m)) {
      DigestRequest r{"user", "pw", "REGISTER", "sip:example.com", "cnonce", 1, {}};
      auto value = digest_authorization(*c, r);
      if (!value) check_sip_error(value.error());
    }
  }
  if (m.content_type() == "application/sdp") (void)Sdp::parse(m.body());
}

// The writer always adds a Content-Length line: a message at the header or size limit may exceed it
// by that one line once written.
Limits written_limits() {
  Limits l;
  l.max_headers += 1;
  l.max_message_bytes += 64;  // Content-Length line, and a To-tag and status line in a response
  return l;
}

void round_trip(const Message& m) {
  const std::string written = OutgoingMessage::copy_of(m).serialize();
  auto again = Message::parse(written, written_limits());
  if (!again) {
    std::fprintf(stderr, "written form does not parse: %s\n%s\n", again.error().message.c_str(), written.c_str());
    std::abort();
  }
  SB_FUZZ_CHECK(again->is_request() == m.is_request(), "kind");
  SB_FUZZ_CHECK(again->method() == m.method(), "method");
  SB_FUZZ_CHECK(again->status() == m.status(), "status");
  SB_FUZZ_CHECK(again->reason_phrase() == m.reason_phrase(), "reason phrase");
  SB_FUZZ_CHECK(again->request_uri().text == m.request_uri().text, "request URI");
  SB_FUZZ_CHECK(again->call_id() == m.call_id(), "Call-ID");
  SB_FUZZ_CHECK(again->cseq().number == m.cseq().number, "CSeq");
  SB_FUZZ_CHECK(again->from().tag() == m.from().tag(), "From tag");
  SB_FUZZ_CHECK(again->to().tag() == m.to().tag(), "To tag");
  SB_FUZZ_CHECK(again->top_via().branch() == m.top_via().branch(), "branch");
  SB_FUZZ_CHECK(again->via_count() == m.via_count(), "Via count");
  SB_FUZZ_CHECK(again->body() == m.body(), "body");
  std::size_t i = 0, j = 0;
  const auto& a = m.headers();
  const auto& b = again->headers();
  for (;;) {
    while (i < a.size() && a[i].id == HeaderId::ContentLength) ++i;
    while (j < b.size() && b[j].id == HeaderId::ContentLength) ++j;
    if (i == a.size() || j == b.size()) break;
    SB_FUZZ_CHECK(a[i].name == b[j].name && a[i].value == b[j].value, "header line");
    ++i;
    ++j;
  }
  SB_FUZZ_CHECK(i == a.size() && j == b.size(), "header count");
  // Writing is a fixed point after one round.
  SB_FUZZ_CHECK(OutgoingMessage::copy_of(*again).serialize() == written, "fixed point");

  if (m.is_request() && m.method() != "ACK") {
    const std::string response = make_response(m, 180, {}, "fuzz-tag").serialize();
    auto parsed = Message::parse(response, written_limits());
    if (!parsed) {
      std::fprintf(stderr, "response does not parse: %s\n%s\n", parsed.error().message.c_str(), response.c_str());
      std::abort();
    }
    SB_FUZZ_CHECK(parsed->call_id() == m.call_id(), "response Call-ID");
    SB_FUZZ_CHECK(parsed->via_count() == m.via_count(), "response Via count");
  }
}

void standalone(std::string_view text) {
  const std::string_view line = text.substr(0, text.find('\n'));
  if (auto u = parse_uri(line); !u) check_sip_error(u.error());
  if (auto a = parse_name_addr(line); !a) check_sip_error(a.error());
  if (auto v = parse_via(line); !v) check_sip_error(v.error());
  if (auto c = parse_digest_challenge(line)) {
    DigestRequest r{"u", "p", "INVITE", "sip:a@b", "c", 7, "body"};
    if (auto value = digest_authorization(*c, r); !value) check_sip_error(value.error());
  }
  (void)parse_sipfrag(text);
  (void)parse_dtmf_relay(text);
  if (auto decoded = base64_decode(line)) SB_FUZZ_CHECK(base64_encode(*decoded) == line, "base64 round trip");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto m = Message::parse(text);
  if (m) {
    exercise_accessors(*m);
    round_trip(*m);
  } else {
    check_sip_error(m.error());
  }
  standalone(text);
  return 0;
}
