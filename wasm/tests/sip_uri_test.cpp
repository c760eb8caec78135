#include <doctest/doctest.h>

#include <string>

#include "sip/headers.h"
#include "sip_test_support.h"
#include "sip/uri.h"

using namespace sb::sip;

TEST_SUITE("sip.uri") {
  TEST_CASE("a SIP URI with user, password, host, port, parameters and headers") {
    auto u = parse_uri("sip:alice:secret@atlanta.example.com:5061;transport=tls;lr?Subject=hi&Priority=urgent");
    REQUIRE(u.ok());
    CHECK(u->scheme == Scheme::Sip);
    CHECK(u->user == "alice");
    CHECK(u->password == "secret");
    CHECK(u->host == "atlanta.example.com");
    CHECK(u->port == 5061);
    CHECK(u->param("transport") == "tls");
    CHECK(u->param("LR") == "");
    CHECK_FALSE(u->param("maddr"));
    CHECK(u->params.size() == 2);
    CHECK(u->header("subject") == "hi");
    CHECK(u->header("Priority") == "urgent");
    CHECK_FALSE(u->header("To"));
  }

  TEST_CASE("hosts: IPv4, bracketed IPv6, hostnames; no user") {
    auto v4 = parse_uri("sips:192.0.2.4:5060");
    REQUIRE(v4.ok());
    CHECK(v4->scheme == Scheme::Sips);
    CHECK(v4->user.empty());
    CHECK(v4->host == "192.0.2.4");
    CHECK(v4->port == 5060);
    auto v6 = parse_uri("sip:[2001:db8::10]:5070;maddr=[2001:db8::1]");
    REQUIRE(v6.ok());
    CHECK(v6->host == "[2001:db8::10]");
    CHECK(v6->port == 5070);
    CHECK(v6->param("maddr") == "[2001:db8::1]");
    auto upper = parse_uri("SIP:Bob@Biloxi.Example.COM");
    REQUIRE(upper.ok());
    CHECK(upper->scheme == Scheme::Sip);
    CHECK(upper->scheme_name == "SIP");
  }

  TEST_CASE("escaped characters and semicolons in the user part stay escaped until asked") {
    auto u = parse_uri("sip:%61lice;par=u%40example.net@example.com");
    REQUIRE(u.ok());
    CHECK(u->user == "%61lice;par=u%40example.net");
    CHECK(u->user_unescaped() == "alice;par=u@example.net");
    CHECK(u->host == "example.com");
    auto star = parse_uri("sip:*97#@pbx.example.com");
    REQUIRE(star.ok());
    CHECK(star->user == "*97#");
  }

  TEST_CASE("a Refer-To target carries an escaped Replaces header") {
    auto u = parse_uri("sip:bob@example.com?Replaces=12345%40192.168.118.3%3Bto-tag%3D12345%3Bfrom-tag%3D5FFE-3994");
    REQUIRE(u.ok());
    auto replaces_text = u->header("Replaces");
    REQUIRE(replaces_text);
    CHECK(*replaces_text == "12345@192.168.118.3;to-tag=12345;from-tag=5FFE-3994");
    auto r = parse_replaces(*replaces_text);
    REQUIRE(r.ok());
    CHECK(r->call_id == "12345@192.168.118.3");
    CHECK(r->to_tag == "12345");
    CHECK(r->from_tag == "5FFE-3994");
    CHECK_FALSE(r->early_only);
  }

  TEST_CASE("tel URIs and unknown schemes") {
    auto tel = parse_uri("tel:+1-201-555-0123;phone-context=example.com");
    REQUIRE(tel.ok());
    CHECK(tel->scheme == Scheme::Tel);
    CHECK(tel->user == "+1-201-555-0123");
    CHECK(tel->param("phone-context") == "example.com");
    auto urn = parse_uri("urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6");
    REQUIRE(urn.ok());
    CHECK(urn->scheme == Scheme::Other);
    CHECK(urn->scheme_name == "urn");
    CHECK(urn->opaque == "uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6");
    auto mailto = parse_uri("mailto:agent@example.com");
    REQUIRE(mailto.ok());
    CHECK(mailto->opaque == "agent@example.com");
  }

  TEST_CASE("malformed URIs say where and what was expected") {
    CHECK(parse_uri("").error() == sb::Error{"sip.parse", "URI at column 1: expected a URI scheme, found the end of the value"});
    CHECK(parse_uri("sip").error() ==
          sb::Error{"sip.parse", "URI at column 4: expected ':' after the URI scheme, found the end of the value"});
    CHECK(parse_uri("sip:alice@").error() ==
          sb::Error{"sip.parse", "URI at column 11: expected a host, found the end of the value"});
    CHECK(parse_uri("sip:@example.com").error() ==
          sb::Error{"sip.parse", "URI at column 5: expected a user before '@', found '@'"});
    CHECK(parse_uri("sip:alice@example.com:70000").error() ==
          sb::Error{"sip.parse", "URI at column 23: expected a port number 1-65535, found '7'"});
    CHECK(parse_uri("sip:al%4ice@example.com").error() ==
          sb::Error{"sip.parse", "URI at column 7: expected a %-escape of two hex digits, found '%'"});
    CHECK(parse_uri("sip:[2001:db8::1@x").error() ==
          sb::Error{"sip.parse", "URI at column 5: expected a user before '@', found '['"});
    CHECK(parse_uri("sip:[2001:db8::1;x").error() ==
          sb::Error{"sip.parse", "URI at column 17: expected ']' closing the IPv6 address, found ';'"});
    CHECK(parse_uri("sip:alice@example.com;=x").error() ==
          sb::Error{"sip.parse", "URI at column 23: expected a URI parameter name, found '='"});
    CHECK(parse_uri("sip:alice@example.com?Subject").error() ==
          sb::Error{"sip.parse", "URI at column 30: expected '=' after the URI header name, found the end of the value"});
    CHECK(parse_uri("sip:alice@exa mple.com").error() ==
          sb::Error{"sip.parse", "URI at column 14: expected ';', '?' or the end of the URI, found a space"});
    CHECK(parse_uri("tel:").error() ==
          sb::Error{"sip.parse", "URI at column 5: expected a telephone number, found the end of the value"});
  }

  TEST_CASE("URI limits: length and parameter count") {
    Limits limits;
    limits.max_uri_bytes = 32;
    CHECK(parse_uri("sip:" + std::string(40, 'a') + "@example.com", limits).error() ==
          sb::Error{"sip.too_large", "URI: the URI is too long (limit: 32)"});
    std::string many = "sip:a@b";
    for (int i = 0; i < 65; ++i) many += ";p" + std::to_string(i);
    CHECK(parse_uri(many).error() == sb::Error{"sip.too_large", "URI: too many URI parameters (limit: 64)"});
  }

  TEST_CASE("name-addr: display names quoted or not, parameters outside the brackets") {
    auto a = parse_name_addr(R"("Ada \"The Countess\" Lovelace" <sip:ada@example.com;transport=ws>;tag=8a7b;x=1)");
    REQUIRE(a.ok());
    CHECK(a->display() == "Ada \"The Countess\" Lovelace");
    CHECK(a->angle_brackets);
    CHECK(a->uri.param("transport") == "ws");
    CHECK(a->tag() == "8a7b");
    CHECK(a->params.get("x") == "1");

    auto b = parse_name_addr("Bob Smith <sip:bob@example.com>");
    REQUIRE(b.ok());
    CHECK(b->display_name == "Bob Smith");
    CHECK(b->uri.user == "bob");
    CHECK_FALSE(b->tag());

    auto c = parse_name_addr("<sip:carol@example.com>");
    REQUIRE(c.ok());
    CHECK(c->display_name.empty());

    // addr-spec: the parameters belong to the header, not to the URI.
    auto d = parse_name_addr("sip:dave@example.com;tag=99 ; expires = 60");
    REQUIRE(d.ok());
    CHECK_FALSE(d->angle_brackets);
    CHECK(d->uri.text == "sip:dave@example.com");
    CHECK(d->uri.params.empty());
    CHECK(d->tag() == "99");
    CHECK(d->params.get("expires") == "60");

    auto e = parse_name_addr(R"(<sip:e@192.0.2.1;ob>;+sip.instance="<urn:uuid:00000000-0000-1000-8000-000A95A0E128>";reg-id=1)");
    REQUIRE(e.ok());
    CHECK(e->params.get("+sip.instance") == "\"<urn:uuid:00000000-0000-1000-8000-000A95A0E128>\"");
    CHECK(e->uri.param("ob") == "");
  }

  TEST_CASE("malformed name-addr values say where and what was expected") {
    CHECK(parse_name_addr("\"Ada <sip:ada@example.com>").error() ==
          sb::Error{"sip.parse", "address at column 27: expected '\"' closing the display name, found the end of the value"});
    CHECK(parse_name_addr("\"Ada\" sip:ada@example.com").error() ==
          sb::Error{"sip.parse", "address at column 7: expected '<' after the display name, found 's'"});
    CHECK(parse_name_addr("<sip:ada@example.com").error() ==
          sb::Error{"sip.parse", "address at column 21: expected '>' closing the URI, found the end of the value"});
    CHECK(parse_name_addr("<sip:ada@example.com>;").error() ==
          sb::Error{"sip.parse", "address at column 23: expected a parameter name, found the end of the value"});
    CHECK(parse_name_addr("<sip:ada@example.com> x").error() ==
          sb::Error{"sip.parse", "address at column 23: expected ';' or the end of the value, found 'x'"});
    CHECK(parse_name_addr("<sip:ada@example.com>;tag=\"x").error() ==
          sb::Error{"sip.parse", "address at column 29: expected '\"' closing the quoted value, found the end of the value"});
    CHECK(parse_name_addr("").error() ==
          sb::Error{"sip.parse", "address at column 1: expected an address, found the end of the value"});
  }

  TEST_CASE("format_name_addr quotes display names only when needed") {
    CHECK(format_name_addr("", "sip:a@b") == "<sip:a@b>");
    CHECK(format_name_addr("Ada Lovelace", "sip:a@b") == "Ada Lovelace <sip:a@b>");
    CHECK(format_name_addr("O'Brien, Pat", "sip:a@b") == "\"O'Brien, Pat\" <sip:a@b>");
    CHECK(format_name_addr("Say \"hi\"", "sip:a@b") == "\"Say \\\"hi\\\"\" <sip:a@b>");
    const std::string written = format_name_addr("Zoë \\ \"Z\"", "sip:z@example.com");
    auto back = parse_name_addr(written);
    REQUIRE(back.ok());
    CHECK(back->display() == "Zoë \\ \"Z\"");
  }

  TEST_CASE("escaping URI parts round-trips through unescaping") {
    CHECK(uri_escape("alice smith", UriPart::User) == "alice%20smith");
    CHECK(uri_escape("+1 (555) #1", UriPart::User) == "+1%20(555)%20%231");
    const std::string replaces = "abc@host;to-tag=1;from-tag=2";
    const std::string escaped = uri_escape(replaces, UriPart::Header);
    CHECK(escaped == "abc%40host%3Bto-tag%3D1%3Bfrom-tag%3D2");
    CHECK(uri_unescape(escaped) == replaces);
    CHECK(uri_unescape("100%") == "100%");
    CHECK(uri_unescape("%4g") == "%4g");
  }

  TEST_CASE("parameter lists iterate in order and match names in any case") {
    ParamList p(";branch=z9hG4bK1 ; Received = 192.0.2.1;rport;x=\"a;b\"");
    std::string names;
    for (const Param& q : p) names += std::string(q.name) + "|";
    CHECK(names == "branch|Received|rport|x|");
    CHECK(p.get("received") == "192.0.2.1");
    CHECK(p.get("RPORT") == "");
    CHECK(p.get("x") == "\"a;b\"");
    CHECK(unquote(*p.get("x")) == "a;b");
    CHECK(p.size() == 4);
    CHECK(ParamList().size() == 0);
  }
}
