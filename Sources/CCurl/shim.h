#ifndef PARAGRAPH_CCURL_SHIM_H
#define PARAGRAPH_CCURL_SHIM_H

/* The wrappers below pass a variable option, which the GCC type-check macros cannot check anyway. */
#define CURL_DISABLE_TYPECHECK 1
#include <curl/curl.h>

/*
 * Typed wrappers for libcurl's variadic functions, which Swift cannot call.
 * Each wrapper passes exactly the argument type that libcurl documents for
 * the options it is meant for; pick the wrapper by the option's type.
 */

/* Options of type long (CURLOPTTYPE_LONG), such as CURLOPT_NOSIGNAL. */
static inline CURLcode paragraph_easy_setopt_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}

/* Options of type curl_off_t (CURLOPTTYPE_OFF_T), such as CURLOPT_POSTFIELDSIZE_LARGE. */
static inline CURLcode paragraph_easy_setopt_off_t(CURL *handle, CURLoption option, curl_off_t value) {
    return curl_easy_setopt(handle, option, value);
}

/* Options of type char * (CURLOPTTYPE_STRINGPOINT). libcurl copies the string, except for CURLOPT_POSTFIELDS. */
static inline CURLcode paragraph_easy_setopt_string(CURL *handle, CURLoption option, const char *value) {
    return curl_easy_setopt(handle, option, value);
}

/* Options that take a data pointer (CURLOPTTYPE_OBJECTPOINT or CBPOINT), such as CURLOPT_WRITEDATA or CURLOPT_CURLU. */
static inline CURLcode paragraph_easy_setopt_pointer(CURL *handle, CURLoption option, void *value) {
    return curl_easy_setopt(handle, option, value);
}

/* Options that take a header list (CURLOPTTYPE_SLISTPOINT), such as CURLOPT_HTTPHEADER. */
static inline CURLcode paragraph_easy_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *list) {
    return curl_easy_setopt(handle, option, list);
}

/* The signature shared by CURLOPT_WRITEFUNCTION and CURLOPT_HEADERFUNCTION. */
typedef size_t (*paragraph_write_callback)(char *data, size_t size, size_t count, void *userdata);

/* CURLOPT_WRITEFUNCTION or CURLOPT_HEADERFUNCTION. */
static inline CURLcode paragraph_easy_setopt_write_function(CURL *handle, CURLoption option, paragraph_write_callback callback) {
    return curl_easy_setopt(handle, option, callback);
}

/* CURLOPT_CURLU: connect to the URL held by an already parsed URL handle. */
static inline CURLcode paragraph_easy_setopt_curlu(CURL *handle, CURLU *url) {
    return curl_easy_setopt(handle, CURLOPT_CURLU, url);
}

/* Information of type long (CURLINFO_LONG), such as CURLINFO_RESPONSE_CODE. */
static inline CURLcode paragraph_easy_getinfo_long(CURL *handle, CURLINFO info, long *value) {
    return curl_easy_getinfo(handle, info, value);
}

/* Information of type curl_off_t (CURLINFO_OFF_T), such as CURLINFO_TOTAL_TIME_T in microseconds. */
static inline CURLcode paragraph_easy_getinfo_off_t(CURL *handle, CURLINFO info, curl_off_t *value) {
    return curl_easy_getinfo(handle, info, value);
}

/* Multi-handle options of type long, such as CURLMOPT_MAX_TOTAL_CONNECTIONS. */
static inline CURLMcode paragraph_multi_setopt_long(CURLM *multi, CURLMoption option, long value) {
    return curl_multi_setopt(multi, option, value);
}

/* The easy handle and result of a CURLMSG_DONE message, whose result sits in a union Swift cannot read. */
static inline CURL *paragraph_message_easy_handle(const CURLMsg *message) {
    return message->easy_handle;
}

static inline CURLcode paragraph_message_result(const CURLMsg *message) {
    return message->data.result;
}

static inline int paragraph_message_is_done(const CURLMsg *message) {
    return message->msg == CURLMSG_DONE;
}

#endif
