#include <doctest/doctest.h>

#include <string>

#include "sip/crypto.h"
#include "sip_test_support.h"

using namespace sb::sip;

TEST_SUITE("sip.crypto") {
  TEST_CASE("MD5 matches the RFC 1321 test suite") {
    CHECK(to_hex(md5("")) == "d41d8cd98f00b204e9800998ecf8427e");
    CHECK(to_hex(md5("a")) == "0cc175b9c0f1b6a831c399e269772661");
    CHECK(to_hex(md5("abc")) == "900150983cd24fb0d6963f7d28e17f72");
    CHECK(to_hex(md5("message digest")) == "f96b697d7cb7938d525a2f31aaf161d0");
    CHECK(to_hex(md5("abcdefghijklmnopqrstuvwxyz")) == "c3fcd3d76192e4007dfb496cca67e13b");
    CHECK(to_hex(md5("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")) ==
          "d174ab98d277d9f5a5611c2c9f419d9f");
    CHECK(to_hex(md5("12345678901234567890123456789012345678901234567890123456789012345678901234567890")) ==
          "57edf4a22be3c955ac49da2e2107b67a");
  }

  TEST_CASE("MD5 pads correctly around the 55/56/64-byte block boundaries") {
    // Reference values from the RFC 1321 reference implementation.
    CHECK(to_hex(md5(std::string(55, 'a'))) == "ef1772b6dff9a122358552954ad0df65");
    CHECK(to_hex(md5(std::string(56, 'a'))) == "3b0c8ac703f828b04c6c197006d17218");
    CHECK(to_hex(md5(std::string(64, 'a'))) == "014842d480b571495a4a0363793f7367");
  }

  TEST_CASE("SHA-1 matches the RFC 3174 test cases") {
    CHECK(to_hex(sha1("abc")) == "a9993e364706816aba3e25717850c26c9cd0d89d");
    CHECK(to_hex(sha1("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")) ==
          "84983e441c3bd26ebaae4aa1f95129e5e54670f1");
    std::string million(1000000, 'a');
    CHECK(to_hex(sha1(million)) == "34aa973cd4c4daa4f61eeb2bdbad27316534016f");
    std::string repeated;
    for (int i = 0; i < 10; ++i) repeated += "0123456701234567012345670123456701234567012345670123456701234567";
    CHECK(to_hex(sha1(repeated)) == "dea356a2cddd90c7a7ecedc5ebb563934f460452");
    CHECK(to_hex(sha1("")) == "da39a3ee5e6b4b0d3255bfef95601890afd80709");
  }

  TEST_CASE("HMAC-SHA1 matches the RFC 2202 test cases") {
    CHECK(to_hex(hmac_sha1(std::string(20, '\x0b'), "Hi There")) == "b617318655057264e28bc0b6fb378c8ef146be00");
    CHECK(to_hex(hmac_sha1("Jefe", "what do ya want for nothing?")) == "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79");
    CHECK(to_hex(hmac_sha1(std::string(20, '\xaa'), std::string(50, '\xdd'))) ==
          "125d7342b9ac11cd91a39af48aa17b4f63f175d3");
    std::string key4;
    for (int i = 1; i <= 25; ++i) key4 += static_cast<char>(i);
    CHECK(to_hex(hmac_sha1(key4, std::string(50, '\xcd'))) == "4c9007f4026250c6bc8414f9bf50c86c2d7235da");
    CHECK(to_hex(hmac_sha1(std::string(20, '\x0c'), "Test With Truncation")) ==
          "4c1a03424b55e07fe7f27be1d58bb9324a9a5a04");
    CHECK(to_hex(hmac_sha1(std::string(80, '\xaa'), "Test Using Larger Than Block-Size Key - Hash Key First")) ==
          "aa4ae5e15272d00e95705637ce8a3b55ed402112");
    CHECK(to_hex(hmac_sha1(std::string(80, '\xaa'),
                           "Test Using Larger Than Block-Size Key and Larger Than One Block-Size Data")) ==
          "e8e99d0f45237d786d6bbaa7965c7808bbff1a91");
  }

  TEST_CASE("base64 encodes and decodes the RFC 4648 vectors") {
    const char* plain[] = {"", "f", "fo", "foo", "foob", "fooba", "foobar"};
    const char* coded[] = {"", "Zg==", "Zm8=", "Zm9v", "Zm9vYg==", "Zm9vYmE=", "Zm9vYmFy"};
    for (int i = 0; i < 7; ++i) {
      CHECK(base64_encode(plain[i]) == coded[i]);
      auto back = base64_decode(coded[i]);
      REQUIRE(back.ok());
      CHECK(*back == plain[i]);
    }
    std::string all;
    for (int i = 0; i < 256; ++i) all += static_cast<char>(i);
    CHECK(base64_decode(base64_encode(all)).value() == all);
  }

  TEST_CASE("base64 refuses malformed text with the position") {
    CHECK(base64_decode("Zm9").error() == sb::Error{"sip.parse", "base64: the length 3 is not a multiple of 4"});
    CHECK(base64_decode("Zm9v!A==").error() == sb::Error{"sip.parse", "base64: invalid character at position 5"});
    CHECK(base64_decode("Z=9v").error() == sb::Error{"sip.parse", "base64: invalid character at position 2"});
    CHECK(base64_decode("Zg==Zg==").error() == sb::Error{"sip.parse", "base64: invalid character at position 3"});
    CHECK(base64_decode("Zm=v").error() == sb::Error{"sip.parse", "base64: invalid character at position 3"});
    CHECK(base64_decode("Isa=").error() ==
          sb::Error{"sip.parse", "base64: non-zero bits before the padding at position 3"});
    CHECK(base64_decode("Zh==").error() ==
          sb::Error{"sip.parse", "base64: non-zero bits before the padding at position 2"});
  }
}
