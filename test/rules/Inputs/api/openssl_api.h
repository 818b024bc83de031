// Mock declarations of the OpenSSL 3 functions in rules/openssl.yaml.
#pragma once
#ifdef __cplusplus
extern "C" {
#endif
#define NULL ((void *)0)
typedef struct ssl_ctx_st SSL_CTX;
typedef struct ssl_st SSL;
typedef struct ssl_method_st SSL_METHOD;
typedef struct bio_st BIO;
typedef struct x509_st X509;
typedef struct evp_pkey_st EVP_PKEY;
typedef struct evp_md_ctx_st EVP_MD_CTX;
typedef struct bignum_st BIGNUM;
const SSL_METHOD *TLS_client_method(void);
SSL_CTX *SSL_CTX_new(const SSL_METHOD *method);
void SSL_CTX_free(SSL_CTX *ctx);
SSL *SSL_new(SSL_CTX *ctx);
void SSL_free(SSL *ssl);
int SSL_connect(SSL *ssl);
void SSL_set_bio(SSL *ssl, BIO *rbio, BIO *wbio);
BIO *BIO_new_socket(int sock, int close_flag);
BIO *BIO_new_file(const char *filename, const char *mode);
int BIO_free(BIO *a);
typedef struct bio_method_st BIO_METHOD;
const BIO_METHOD *BIO_f_base64(void);
const BIO_METHOD *BIO_s_mem(void);
BIO *BIO_new(const BIO_METHOD *type);
BIO *BIO_push(BIO *b, BIO *next);
void BIO_free_all(BIO *a);
int BIO_write(BIO *b, const void *data, int len);
X509 *PEM_read_bio_X509(BIO *bp, X509 **x, void *cb, void *u);
X509 *SSL_get1_peer_certificate(const SSL *ssl);
void X509_free(X509 *a);
EVP_PKEY *X509_get_pubkey(X509 *x);
void EVP_PKEY_free(EVP_PKEY *key);
int EVP_PKEY_get_bits(const EVP_PKEY *pkey);
EVP_MD_CTX *EVP_MD_CTX_new(void);
void EVP_MD_CTX_free(EVP_MD_CTX *ctx);
int EVP_DigestInit_ex(EVP_MD_CTX *ctx, const void *type, void *impl);
BIGNUM *BN_new(void);
void BN_free(BIGNUM *a);
char *BN_bn2hex(const BIGNUM *a);
void *CRYPTO_malloc(unsigned long num, const char *file, int line);
void CRYPTO_free(void *ptr, const char *file, int line);
#define OPENSSL_malloc(num) CRYPTO_malloc(num, __FILE__, __LINE__)
#define OPENSSL_free(addr) CRYPTO_free(addr, __FILE__, __LINE__)
void free(void *p);
// A stack of X509 as OpenSSL 3 spells it: macros over OPENSSL_sk_* whose
// inline type checks return their argument.
typedef struct stack_st OPENSSL_STACK;
typedef struct stack_st_X509 STACK_OF_X509;
typedef void (*OPENSSL_sk_freefunc)(void *);
OPENSSL_STACK *OPENSSL_sk_new_null(void);
int OPENSSL_sk_push(OPENSSL_STACK *st, const void *data);
void OPENSSL_sk_pop_free(OPENSSL_STACK *st, OPENSSL_sk_freefunc func);
static inline OPENSSL_STACK *ossl_check_X509_sk_type(STACK_OF_X509 *sk) {
  return (OPENSSL_STACK *)sk;
}
static inline const X509 *ossl_check_X509_type(const X509 *ptr) {
  return ptr;
}
#define sk_X509_new_null() ((STACK_OF_X509 *)OPENSSL_sk_new_null())
#define sk_X509_push(sk, ptr)                                                 \
  OPENSSL_sk_push(ossl_check_X509_sk_type(sk), ossl_check_X509_type(ptr))
#define sk_X509_pop_free(sk, f)                                               \
  OPENSSL_sk_pop_free(ossl_check_X509_sk_type(sk), (OPENSSL_sk_freefunc)(f))
typedef struct ec_key_st EC_KEY;
EC_KEY *EC_KEY_new_by_curve_name(int nid);
void EC_KEY_free(EC_KEY *key);
EVP_PKEY *EVP_PKEY_new(void);
int EVP_PKEY_assign(EVP_PKEY *pkey, int type, void *key);
#define EVP_PKEY_EC 408
#define EVP_PKEY_assign_EC_KEY(pkey, eckey)                                   \
  EVP_PKEY_assign((pkey), EVP_PKEY_EC, (EC_KEY *)(eckey))
typedef struct rsa_st RSA;
RSA *RSA_new(void);
void RSA_free(RSA *r);
int RSA_set0_key(RSA *r, BIGNUM *n, BIGNUM *e, BIGNUM *d);
int SSL_CTX_set_ex_data(SSL_CTX *ctx, int idx, void *arg);
int SSL_set_ex_data(SSL *ssl, int idx, void *arg);
typedef struct _IO_FILE FILE;
typedef struct X509_crl_st X509_CRL;
X509_CRL *PEM_read_X509_CRL(FILE *fp, X509_CRL **x, void *cb, void *u);
X509_CRL *X509_CRL_dup(const X509_CRL *crl);
void X509_CRL_free(X509_CRL *crl);
long SSL_CTX_ctrl(SSL_CTX *ctx, int cmd, long larg, void *parg);
long SSL_ctrl(SSL *ssl, int cmd, long larg, void *parg);
#define SSL_CTRL_EXTRA_CHAIN_CERT 14
#define SSL_CTRL_SET_TLSEXT_STATUS_REQ_OCSP_RESP 71
#define SSL_CTRL_CHAIN_CERT 89
#define SSL_CTRL_SET_VERIFY_CERT_STORE 106
#define SSL_CTX_add_extra_chain_cert(ctx, x509)                               \
  SSL_CTX_ctrl(ctx, SSL_CTRL_EXTRA_CHAIN_CERT, 0, (char *)(x509))
#define SSL_CTX_add0_chain_cert(ctx, x509)                                    \
  SSL_CTX_ctrl(ctx, SSL_CTRL_CHAIN_CERT, 0, (char *)(x509))
#define SSL_CTX_add1_chain_cert(ctx, x509)                                    \
  SSL_CTX_ctrl(ctx, SSL_CTRL_CHAIN_CERT, 1, (char *)(x509))
#define SSL_set_tlsext_status_ocsp_resp(ssl, arg, arglen)                     \
  SSL_ctrl(ssl, SSL_CTRL_SET_TLSEXT_STATUS_REQ_OCSP_RESP, arglen, arg)
typedef struct x509_store_st X509_STORE;
X509_STORE *X509_STORE_new(void);
void X509_STORE_free(X509_STORE *st);
#define SSL_CTX_set0_verify_cert_store(ctx, st)                               \
  SSL_CTX_ctrl(ctx, SSL_CTRL_SET_VERIFY_CERT_STORE, 0, (char *)(st))
#define SSL_CTX_set1_verify_cert_store(ctx, st)                               \
  SSL_CTX_ctrl(ctx, SSL_CTRL_SET_VERIFY_CERT_STORE, 1, (char *)(st))
#ifdef __cplusplus
}
#endif
