// A stand-in for cairo.h: the calls that attach data with the function
// that will destroy it.
#ifndef MOCK_CAIRO_H
#define MOCK_CAIRO_H
typedef struct _cairo_surface cairo_surface_t;
typedef struct _cairo_font_face cairo_font_face_t;
typedef struct _cairo_user_data_key {
  int unused;
} cairo_user_data_key_t;
typedef enum _cairo_status { CAIRO_STATUS_SUCCESS = 0 } cairo_status_t;
typedef void (*cairo_destroy_func_t)(void *data);
cairo_status_t cairo_surface_set_mime_data(cairo_surface_t *surface,
                                           const char *mime_type,
                                           const unsigned char *data,
                                           unsigned long length,
                                           cairo_destroy_func_t destroy,
                                           void *closure);
cairo_status_t cairo_font_face_set_user_data(cairo_font_face_t *font_face,
                                             const cairo_user_data_key_t *key,
                                             void *user_data,
                                             cairo_destroy_func_t destroy);
#endif
