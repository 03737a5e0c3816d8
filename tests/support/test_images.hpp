//! Small real PNG and JPEG files built in the tests (no image library): for the {%x} image tags.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace vanthu::test {

inline std::uint32_t crc32_of(std::string_view bytes) {
  static const auto table = [] {
    std::array<std::uint32_t, 256> t{};
    for (std::uint32_t n = 0; n < 256; ++n) {
      std::uint32_t c = n;
      for (int k = 0; k < 8; ++k) c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
      t[n] = c;
    }
    return t;
  }();
  std::uint32_t c = 0xFFFFFFFFu;
  for (unsigned char b : bytes) c = table[(c ^ b) & 0xFF] ^ (c >> 8);
  return c ^ 0xFFFFFFFFu;
}

inline void put32(std::string& out, std::uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) out += static_cast<char>((v >> shift) & 0xFF);
}
inline void put16(std::string& out, std::uint32_t v) {
  out += static_cast<char>((v >> 8) & 0xFF);
  out += static_cast<char>(v & 0xFF);
}

inline void png_chunk(std::string& out, std::string_view type, std::string_view data) {
  put32(out, static_cast<std::uint32_t>(data.size()));
  std::string body(type);
  body += data;
  out += body;
  put32(out, crc32_of(body));
}

//! A valid RGB PNG of `width` × `height` pixels of one colour (stored deflate blocks), with a
//! pHYs chunk of `dpi` when given. `filler` changes the colour, so images differ byte-wise.
inline std::string make_png(std::uint32_t width, std::uint32_t height, std::uint32_t dpi = 0, unsigned char filler = 0x40) {
  std::string out = "\x89PNG\r\n\x1a\n";
  std::string ihdr;
  put32(ihdr, width);
  put32(ihdr, height);
  ihdr += std::string("\x08\x02\x00\x00\x00", 5);  // 8-bit RGB, deflate, no filter, no interlace
  png_chunk(out, "IHDR", ihdr);
  if (dpi) {
    std::string phys;
    const auto ppm = static_cast<std::uint32_t>(dpi / 0.0254 + 0.5);
    put32(phys, ppm);
    put32(phys, ppm);
    phys += '\x01';
    png_chunk(out, "pHYs", phys);
  }
  std::string raw;
  for (std::uint32_t y = 0; y < height; ++y) {
    raw += '\0';  // filter: none
    for (std::uint32_t x = 0; x < width; ++x) raw += std::string{static_cast<char>(filler), '\x80', static_cast<char>(0xC0)};
  }
  std::string z = "\x78\x01";
  for (std::size_t at = 0; at < raw.size() || at == 0;) {
    const std::size_t n = std::min<std::size_t>(raw.size() - at, 65535);
    z += static_cast<char>(at + n >= raw.size() ? 1 : 0);
    z += static_cast<char>(n & 0xFF);
    z += static_cast<char>(n >> 8);
    z += static_cast<char>(~n & 0xFF);
    z += static_cast<char>((~n >> 8) & 0xFF);
    z.append(raw, at, n);
    at += n;
    if (n == 0) break;
  }
  std::uint32_t a = 1, b = 0;
  for (unsigned char c : raw) {
    a = (a + c) % 65521;
    b = (b + a) % 65521;
  }
  put32(z, (b << 16) | a);
  png_chunk(out, "IDAT", z);
  png_chunk(out, "IEND", "");
  return out;
}

//! A valid baseline greyscale JPEG of `width` × `height` pixels, mid grey (every block's DC and AC
//! zero: two bits a block), with a JFIF density of `dpi` when given.
inline std::string make_jpeg(std::uint16_t width, std::uint16_t height, std::uint16_t dpi = 0) {
  std::string out = "\xFF\xD8";
  out += "\xFF\xE0";
  put16(out, 16);
  out += std::string("JFIF\0\x01\x01", 7);
  out += static_cast<char>(dpi ? 1 : 0);
  put16(out, dpi ? dpi : 1);
  put16(out, dpi ? dpi : 1);
  out += std::string("\0\0", 2);
  out += "\xFF\xDB";  // DQT: table 0, all ones
  put16(out, 67);
  out += '\0';
  out += std::string(64, '\x01');
  out += "\xFF\xC0";  // SOF0
  put16(out, 11);
  out += '\x08';
  put16(out, height);
  put16(out, width);
  out += std::string("\x01\x01\x11\x00", 4);
  for (unsigned char table : {0x00, 0x10}) {  // DHT: DC 0 and AC 0, one 1-bit code each (category 0, EOB)
    out += "\xFF\xC4";
    put16(out, 2 + 1 + 16 + 1);
    out += static_cast<char>(table);
    out += '\x01';
    out += std::string(15, '\0');
    out += '\0';
  }
  out += "\xFF\xDA";  // SOS
  put16(out, 8);
  out += std::string("\x01\x01\x00\x00\x3F\x00", 6);
  const std::size_t blocks = static_cast<std::size_t>((width + 7) / 8) * ((height + 7) / 8);
  std::size_t bits = blocks * 2;
  std::string data(bits / 8, '\0');
  if (bits % 8) data += static_cast<char>(0xFF >> (bits % 8));  // padded with ones
  out += data;
  out += "\xFF\xD9";
  return out;
}

inline std::string base64_of(std::string_view bytes) {
  static const char* alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  std::size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    const std::uint32_t v = (static_cast<unsigned char>(bytes[i]) << 16) | (static_cast<unsigned char>(bytes[i + 1]) << 8) |
                            static_cast<unsigned char>(bytes[i + 2]);
    for (int shift = 18; shift >= 0; shift -= 6) out += alphabet[(v >> shift) & 63];
  }
  if (i + 1 == bytes.size()) {
    const std::uint32_t v = static_cast<unsigned char>(bytes[i]) << 16;
    out += alphabet[(v >> 18) & 63];
    out += alphabet[(v >> 12) & 63];
    out += "==";
  } else if (i + 2 == bytes.size()) {
    const std::uint32_t v = (static_cast<unsigned char>(bytes[i]) << 16) | (static_cast<unsigned char>(bytes[i + 1]) << 8);
    out += alphabet[(v >> 18) & 63];
    out += alphabet[(v >> 12) & 63];
    out += alphabet[(v >> 6) & 63];
    out += '=';
  }
  return out;
}

}  // namespace vanthu::test
