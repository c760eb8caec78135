// The module's JavaScript face (appended to Emscripten's glue with --post-js): the functions of
// switchboard_bindings.cpp under the names and with the conversions embind gave them, so callers see
// the same API — strings in and out as UTF-8, Uint8Array/Int8Array/ArrayBuffer accepted as bytes,
// BindingError for a wrong argument count or a non-string where a string goes.
/* global Module, HEAPU8, HEAPU32, _malloc, _free, lengthBytesUTF8, stringToUTF8, UTF8ToString */
/* global _sb_create_engine, _sb_destroy_engine, _sb_handle, _sb_handle_batch, _sb_view, _sb_protocol_info */
/* global _sb_version, _sb_heap_bytes, _sb_sip_parse */
(function () {
  class BindingError extends Error {}
  BindingError.prototype.name = 'BindingError';
  Module['BindingError'] = BindingError;

  // A JS string (as UTF-8) or bytes → a malloc'ed wire string, freed after the call.
  function toWire(value) {
    if (value instanceof ArrayBuffer) value = new Uint8Array(value);
    const isString = typeof value == 'string';
    if (!(isString || value instanceof Uint8Array || value instanceof Uint8ClampedArray || value instanceof Int8Array)) {
      throw new BindingError('Cannot pass non-string to std::string');
    }
    const length = isString ? lengthBytesUTF8(value) : value.length;
    const ptr = _malloc(4 + length + 1);
    HEAPU32[ptr >> 2] = length;
    if (isString) stringToUTF8(value, ptr + 4, length + 1);
    else HEAPU8.set(value, ptr + 4);
    return ptr;
  }

  // A wire string the C++ side allocated → a JS string (embedded NUL bytes kept); frees it.
  function fromWire(ptr) {
    const length = HEAPU32[ptr >> 2];
    let text;
    for (let i = 0, start = ptr + 4; i <= length; ++i) {
      const at = ptr + 4 + i;
      if (i == length || HEAPU8[at] == 0) {
        const segment = UTF8ToString(start, at - start);
        text = text === undefined ? segment : text + '\0' + segment;
        start = at + 1;
      }
    }
    _free(ptr);
    return text;
  }

  // fn(...args) with each argument converted by its converter (null: passed as it is).
  function expose(name, fn, converters, result) {
    Module[name] = function (...args) {
      if (args.length !== converters.length) {
        throw new BindingError(`function ${name} called with ${args.length} arguments, expected ${converters.length} args!`);
      }
      const wires = [];
      let returned;
      try {
        returned = fn(...args.map((arg, i) => (converters[i] ? (wires[wires.length] = converters[i](arg)) : arg)));
      } finally {
        for (const ptr of wires) _free(ptr);  // the arguments first, then the result (as embind)
      }
      return result(returned);
    };
  }

  const same = (value) => value;
  expose('createEngine', (...a) => _sb_create_engine(...a), [], same);
  expose('destroyEngine', (...a) => _sb_destroy_engine(...a), [null], (v) => !!v);
  expose('handle', (...a) => _sb_handle(...a), [null, toWire], fromWire);
  expose('handleBatch', (...a) => _sb_handle_batch(...a), [null, toWire], fromWire);
  expose('view', (...a) => _sb_view(...a), [null], fromWire);
  expose('protocolInfo', (...a) => _sb_protocol_info(...a), [], fromWire);
  expose('version', (...a) => _sb_version(...a), [], fromWire);
  expose('heapBytes', (...a) => _sb_heap_bytes(...a), [], same);
  expose('sipParse', (...a) => _sb_sip_parse(...a), [toWire], same);
})();
