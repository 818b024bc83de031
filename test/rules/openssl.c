// The families of rules/openssl.yaml on mock OpenSSL 3 declarations.
// RUN: %check_raii %s raii-release-skipped,raii-mismatched-release,raii-double-release %t -- -std=c11 -isystem %S/Inputs/api

#include <openssl_api.h>

int positiveContext(int sock) {
  SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());
  if (!ctx)
    return -1;
  SSL *ssl = SSL_new(ctx);
  if (!ssl)
    return -2;
  BIO *bio = BIO_new_socket(sock, 0);
  SSL_set_bio(ssl, bio, bio); // the SSL object takes the BIO over
  if (SSL_connect(ssl) <= 0)
    return -3;
  SSL_free(ssl);
  SSL_CTX_free(ctx);
  return 0;
}
// CHECK-MESSAGES: :7:18: warning: 'ctx' acquired by 'SSL_CTX_new' is not released on every path [raii-release-skipped]
// CHECK-MESSAGES: :12:5: note: release of 'ctx' is skipped by this return
// CHECK-MESSAGES: :16:5: note: release of 'ctx' is skipped by this return
// CHECK-MESSAGES: :10:14: warning: 'ssl' acquired by 'SSL_new' is not released on every path [raii-release-skipped]
// CHECK-MESSAGES: :16:5: note: release of 'ssl' is skipped by this return

int negativeCertificate(SSL *ssl) {
  X509 *cert = SSL_get1_peer_certificate(ssl);
  if (!cert)
    return -1;
  EVP_PKEY *key = X509_get_pubkey(cert);
  int bits = key ? EVP_PKEY_get_bits(key) : 0;
  EVP_PKEY_free(key);
  X509_free(cert);
  return bits;
}

int positiveDigest(const void *md) {
  EVP_MD_CTX *ctx = EVP_MD_CTX_new();
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: 'ctx' acquired by 'EVP_MD_CTX_new' is never released [raii-release-skipped]
  int ok = EVP_DigestInit_ex(ctx, md, NULL);
  return ok;
}

// free() releases memory, another kind: the certificate stays unreleased.
void positiveCertificateFreed(BIO *bio) {
  X509 *cert = PEM_read_bio_X509(bio, NULL, NULL, NULL);
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: 'cert' acquired by 'PEM_read_bio_X509' is never released [raii-release-skipped]
  free(cert);
}

void mismatchedOpensslMemory(const BIGNUM *bn) {
  char *hex = BN_bn2hex(bn);
  free(hex);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'hex' acquired by 'BN_bn2hex' is released by 'free'; release it with 'CRYPTO_free' [raii-mismatched-release]
  // CHECK-MESSAGES: :[[@LINE-3]]:15: note: 'hex' acquired here
  void *buf = OPENSSL_malloc(16);
  OPENSSL_free(buf);
}

void doubleFree(void) {
  BIGNUM *bn = BN_new();
  BN_free(bn);
  BN_free(bn);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'bn' is released by 'BN_free' on a path where it was already released [raii-double-release]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'bn' was first released here
}

// BIO_push(b, next) returns b, the head of the chain, which is freed through
// the result: neither BIO is leaked.
int negativeBioChainFreedThroughResult(const char *in, int len) {
  BIO *b64 = BIO_new(BIO_f_base64());
  if (!b64)
    return -1;
  BIO *bio = BIO_new(BIO_s_mem());
  if (!bio) {
    BIO_free(b64);
    return -1;
  }
  bio = BIO_push(b64, bio);
  int n = BIO_write(bio, in, len);
  BIO_free_all(bio);
  return n;
}

// Before the push, b64 is still the function's.
int positiveBioBeforePush(void) {
  BIO *b64 = BIO_new(BIO_f_base64());
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'b64' acquired by 'BIO_new' is never released, and not handed off on every path [raii-release-skipped]
  if (!b64)
    return -1;
  BIO *bio = BIO_new(BIO_s_mem());
  if (!bio)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'b64' is skipped by this return
  BIO_free_all(BIO_push(b64, bio));
  return 0;
}

// The stack keeps the certificate where the push succeeds; the function
// frees it where the push fails.
STACK_OF_X509 *negativePushedToStack(BIO *in) {
  STACK_OF_X509 *sk = sk_X509_new_null();
  if (!sk)
    return NULL;
  X509 *x;
  while ((x = PEM_read_bio_X509(in, NULL, NULL, NULL)) != NULL) {
    if (!sk_X509_push(sk, x)) {
      X509_free(x);
      sk_X509_pop_free(sk, X509_free);
      return NULL;
    }
  }
  return sk;
}

// Read before it is pushed, the certificate is still the function's.
STACK_OF_X509 *positiveReturnBeforePush(BIO *in, STACK_OF_X509 *sk) {
  X509 *x = PEM_read_bio_X509(in, NULL, NULL, NULL);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'x' acquired by 'PEM_read_bio_X509' is never released, and not handed off on every path [raii-release-skipped]
  if (!x || !sk)
    return NULL;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'x' is skipped by this return
  sk_X509_push(sk, x);
  return sk;
}

// EVP_PKEY_assign_EC_KEY takes the key only where it succeeds (a transfer
// `on: success`): a return after a failed assign leaks it, one after a
// successful one does not (ldns' keys.c: "leaked" before).
int negativeAssignedOrFreed(EVP_PKEY *pkey, int nid) {
  EC_KEY *ec = EC_KEY_new_by_curve_name(nid);
  if (!ec)
    return -1;
  if (!EVP_PKEY_assign_EC_KEY(pkey, ec)) {
    EC_KEY_free(ec);
    return -1;
  }
  return 0;
}
int positiveAssignFailureLeaks(EVP_PKEY *pkey, int nid) {
  EC_KEY *ec = EC_KEY_new_by_curve_name(nid);
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: 'ec' acquired by 'EC_KEY_new_by_curve_name' is never released, and not handed off on every path [raii-release-skipped]
  if (!ec)
    return -1;
  if (EVP_PKEY_assign_EC_KEY(pkey, ec) != 1)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'ec' is skipped by this return
  return 0;
}

// RSA_set0_key takes the numbers (openssh's ssh-keygen clears its copies
// after it, `n = e = d = NULL;`); where it fails they are still the
// caller's, freed there.
int negativeNumbersTakenByKey(RSA *rsa) {
  BIGNUM *n = BN_new(), *e = BN_new(), *d = BN_new();
  if (!n || !e || !d)
    goto fail;
  if (!RSA_set0_key(rsa, n, e, d))
    goto fail;
  n = e = d = NULL;
  return 0;
fail:
  BN_free(n);
  BN_free(e);
  BN_free(d);
  return -1;
}

// A return before the number is given leaks it.
int positiveReturnBeforeSet(RSA *rsa, int bad) {
  BIGNUM *n = BN_new();
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'n' acquired by 'BN_new' is not released on every path [raii-release-skipped]
  if (!n)
    return -1;
  if (bad)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'n' is skipped by this return
  if (!RSA_set0_key(rsa, n, NULL, NULL)) {
    BN_free(n);
    return -1;
  }
  return 0;
}

// The ex_data an object is given is freed with it, by the free function
// registered for its index (haproxy's `SSL_CTX_set_ex_data(ctx,
// ocsp_ex_index, cb_arg)`).
struct ocsp_arg {
  int is_single;
};
void *malloc(unsigned long size);
int negativeExData(SSL_CTX *ctx, int idx) {
  struct ocsp_arg *arg = malloc(sizeof *arg);
  if (!arg)
    return -1;
  arg->is_single = 1;
  SSL_CTX_set_ex_data(ctx, idx, arg);
  return 0;
}

// A return before it is given leaks it.
int positiveExDataNotGiven(SSL *ssl, int idx, int bad) {
  struct ocsp_arg *arg = CRYPTO_malloc(sizeof *arg, "", 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: 'arg' acquired by 'CRYPTO_malloc' is never released, and not handed off on every path [raii-release-skipped]
  if (!arg)
    return -1;
  if (bad)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'arg' is skipped by this return
  SSL_set_ex_data(ssl, idx, arg);
  return 0;
}

// A CRL read from a FILE (the BIO form's twin), and its copy.
int positiveCrlFromFile(FILE *fp, X509_CRL **keep, int bad) {
  X509_CRL *crl = PEM_read_X509_CRL(fp, NULL, NULL, NULL);
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: 'crl' acquired by 'PEM_read_X509_CRL' is not released on every path [raii-release-skipped]
  if (!crl)
    return -1;
  if (bad > 1)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'crl' is skipped by this return
  X509_CRL *copy = X509_CRL_dup(crl);
  // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: 'copy' acquired by 'X509_CRL_dup' is never released, and not handed off on every path [raii-release-skipped]
  X509_CRL_free(crl);
  if (!copy || bad)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'copy' is skipped by this return
  *keep = copy;
  return 0;
}

// A certificate kept as the context's ex_data (nginx's
// ngx_ssl_certificate: the chain's X509 stays with the SSL_CTX). Before:
// "not released on every path".
int negativeCertificateExData(SSL_CTX *ctx, BIO *bio, int idx) {
  X509 *x509 = PEM_read_bio_X509(bio, NULL, NULL, NULL);
  if (!x509)
    return -1;
  if (SSL_CTX_set_ex_data(ctx, idx, x509) == 0) {
    X509_free(x509);
    return -1;
  }
  return 0;
}

// SSL_CTX_ctrl and SSL_ctrl take their pointer only for some commands
// (transfers `when: [{ arg: 1, equals: K }]`): the extra chain
// certificate and the OCSP response are the SSL object's where the macro
// returned 1 (opensmtpd, pgbouncer: "not released on every path" before).
int negativeExtraChainTaken(SSL_CTX *ctx, BIO *bio) {
  X509 *ca;
  while ((ca = PEM_read_bio_X509(bio, NULL, NULL, NULL)) != NULL) {
    if (!SSL_CTX_add_extra_chain_cert(ctx, ca)) {
      X509_free(ca);
      return 0;
    }
  }
  return 1;
}
int negativeOcspResponseTaken(SSL *ssl, unsigned long len) {
  unsigned char *p = OPENSSL_malloc(len);
  if (!p)
    return 0;
  if (SSL_set_tlsext_status_ocsp_resp(ssl, p, len) != 1) {
    OPENSSL_free(p);
    return 0;
  }
  return 1;
}
int negativeStoreTaken(SSL_CTX *ctx) {
  X509_STORE *st = X509_STORE_new();
  if (!st)
    return 0;
  SSL_CTX_set0_verify_cert_store(ctx, st);
  return 1;
}
// Where the call failed the certificate is the caller's still; the add1
// form (larg 1) and another command take nothing.
int positiveChainFailureLeaks(SSL_CTX *ctx, BIO *bio) {
  X509 *ca = PEM_read_bio_X509(bio, NULL, NULL, NULL);
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'ca' acquired by 'PEM_read_bio_X509' is never released, and not handed off on every path [raii-release-skipped]
  if (!ca)
    return 0;
  if (!SSL_CTX_add0_chain_cert(ctx, ca))
    return 0;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'ca' is skipped by this return
  return 1;
}
int positiveAdd1KeepsNothing(SSL_CTX *ctx, BIO *bio) {
  X509 *ca = PEM_read_bio_X509(bio, NULL, NULL, NULL);
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'ca' acquired by 'PEM_read_bio_X509' is never released [raii-release-skipped]
  if (!ca)
    return 0;
  return SSL_CTX_add1_chain_cert(ctx, ca) == 1;
}
int positiveSet1StoreKeepsNothing(SSL_CTX *ctx, int cmd) {
  X509_STORE *st = X509_STORE_new();
  // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: 'st' acquired by 'X509_STORE_new' is never released [raii-release-skipped]
  if (!st)
    return 0;
  SSL_CTX_set1_verify_cert_store(ctx, st);
  SSL_CTX_ctrl(ctx, cmd, 0, st);
  return 1;
}
