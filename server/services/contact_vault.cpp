#include "server/services/contact_vault.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <stdexcept>
#include <vector>

namespace yeyou::services {
namespace {

constexpr const char* kPrefix = "enc1:";
constexpr auto kVariant = sodium_base64_VARIANT_ORIGINAL;

}  // namespace

ContactVault::ContactVault(const std::string& key_file) {
  static_assert(sizeof key_ == crypto_secretbox_KEYBYTES);
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
  std::ifstream in(key_file);
  if (!in) {
    crypto_secretbox_keygen(key_);
    char hex[sizeof key_ * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, key_, sizeof key_);
    hex[sizeof key_ * 2] = '\n';
    // Owner-only from the start (not through the umask, which is the whole
    // process's); O_EXCL: never through a link someone placed there.
    int fd = ::open(key_file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
    bool ok = fd >= 0 && ::fchmod(fd, 0600) == 0 && ::write(fd, hex, sizeof hex) == static_cast<ssize_t>(sizeof hex) &&
              ::fsync(fd) == 0;
    int err = errno;
    if (fd >= 0) {
      ::close(fd);
      if (!ok) ::unlink(key_file.c_str());  // no half-written key for the next start to refuse
    }
    if (!ok) throw std::runtime_error("cannot create contact key file " + key_file + ": " + std::strerror(err));
    return;
  }
  std::string hex;
  std::getline(in, hex);
  std::size_t len = 0;
  if (hex.size() != sizeof key_ * 2 ||
      sodium_hex2bin(key_, sizeof key_, hex.data(), hex.size(), nullptr, &len, nullptr) != 0 || len != sizeof key_)
    throw std::runtime_error("contact key file " + key_file + " must hold 64 hex digits");
}

std::string ContactVault::seal(const std::string& plaintext) const {
  std::vector<unsigned char> buf(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + plaintext.size());
  randombytes_buf(buf.data(), crypto_secretbox_NONCEBYTES);
  crypto_secretbox_easy(buf.data() + crypto_secretbox_NONCEBYTES, reinterpret_cast<const unsigned char*>(plaintext.data()),
                        plaintext.size(), buf.data(), key_);
  std::string b64(sodium_base64_ENCODED_LEN(buf.size(), kVariant), '\0');
  sodium_bin2base64(b64.data(), b64.size(), buf.data(), buf.size(), kVariant);
  b64.resize(std::strlen(b64.c_str()));
  return kPrefix + b64;
}

bool ContactVault::is_sealed(const std::string& value) { return value.rfind(kPrefix, 0) == 0; }

std::string ContactVault::open(const std::string& sealed) const {
  if (!is_sealed(sealed)) return sealed;  // written before encryption
  std::string b64 = sealed.substr(std::strlen(kPrefix));
  std::vector<unsigned char> buf(b64.size());
  std::size_t len = 0;
  if (sodium_base642bin(buf.data(), buf.size(), b64.data(), b64.size(), nullptr, &len, nullptr, kVariant) != 0 ||
      len < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES)
    throw std::runtime_error("sealed contact is malformed");
  std::string out(len - crypto_secretbox_NONCEBYTES - crypto_secretbox_MACBYTES, '\0');
  if (crypto_secretbox_open_easy(reinterpret_cast<unsigned char*>(out.data()), buf.data() + crypto_secretbox_NONCEBYTES,
                                 len - crypto_secretbox_NONCEBYTES, buf.data(), key_) != 0)
    throw std::runtime_error("sealed contact failed authentication (wrong key or tampered)");
  return out;
}

}  // namespace yeyou::services
