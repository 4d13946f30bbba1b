;; The line splitter's kernel (see scan.ts): splits lines of UTF-8
;; bytes, gives each text field an id for its bytes (the same bytes, the same
;; id) and reads a value column's plain decimals as parsePlain (values.ts)
;; does. Special bytes (the separator, line feed, CR, quote) are found 16 at
;; a time with SIMD; keys are compared a word (8 bytes) at a time.
(module
  (memory (export "memory") 1)
  ;; the id table: 32768 slots of 32 bytes (first word i64, length, key offset, id; id 0: empty), then the keys' bytes
  (global $table (mut i32) (i32.const 0))
  (global $used (mut i32) (i32.const 0))
  (global $arenaEnd (mut i32) (i32.const 0))
  (global $ids (mut i32) (i32.const 0))
  (global $maxIds (mut i32) (i32.const 0))
  ;; the fields whose bytes got a new id in this call: their count at $fresh, their numbers after it
  (global $fresh (mut i32) (i32.const 0))

  ;; Where the table (zeroed), the keys and the list of new ids sit, and how many ids the table may give.
  (func (export "setTable") (param $table i32) (param $arena i32) (param $arenaEnd i32) (param $maxIds i32) (param $fresh i32)
    (global.set $table (local.get $table))
    (global.set $used (local.get $arena))
    (global.set $arenaEnd (local.get $arenaEnd))
    (global.set $ids (i32.const 0))
    (global.set $maxIds (local.get $maxIds))
    (global.set $fresh (local.get $fresh)))

  ;; The low n bytes of a word (n < 8).
  (func $low (param $w i64) (param $n i32) (result i64)
    (i64.and (local.get $w) (i64.sub (i64.shl (i64.const 1) (i64.extend_i32_u (i32.shl (local.get $n) (i32.const 3)))) (i64.const 1))))

  ;; The id of the n bytes at s (field j): found, or added; 0 when the table is full.
  (func $intern (param $s i32) (param $n i32) (param $j i32) (result i32)
    (local $w i64) (local $x i64) (local $h i64) (local $i i32) (local $slot i32) (local $at i32) (local $id i32) (local $k i32) (local $count i32)
    (local.set $w (i64.load (local.get $s)))
    (if (i32.lt_u (local.get $n) (i32.const 8)) (then (local.set $w (call $low (local.get $w) (local.get $n)))))
    (local.set $h (i64.mul (i64.xor (local.get $w) (i64.extend_i32_u (local.get $n))) (i64.const 0x9E3779B97F4A7C15)))
    (local.set $i (i32.const 8))
    (block $hashed (loop $words
      (br_if $hashed (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $x (i64.load (i32.add (local.get $s) (local.get $i))))
      (if (i32.lt_u (i32.sub (local.get $n) (local.get $i)) (i32.const 8)) (then (local.set $x (call $low (local.get $x) (i32.sub (local.get $n) (local.get $i))))))
      (local.set $h (i64.mul (i64.xor (i64.rotl (local.get $h) (i64.const 29)) (local.get $x)) (i64.const 0x9E3779B97F4A7C15)))
      (local.set $i (i32.add (local.get $i) (i32.const 8)))
      (br $words)))
    (local.set $slot (i32.wrap_i64 (i64.shr_u (local.get $h) (i64.const 49))))
    (loop $probe
      (local.set $at (i32.add (global.get $table) (i32.shl (local.get $slot) (i32.const 5))))
      (local.set $id (i32.load offset=16 (local.get $at)))
      (if (i32.eqz (local.get $id)) (then
        (if (i32.or (i32.ge_u (global.get $ids) (global.get $maxIds))
                    (i32.gt_u (i32.add (global.get $used) (local.get $n)) (global.get $arenaEnd)))
          (then (return (i32.const 0))))
        (memory.copy (global.get $used) (local.get $s) (local.get $n))
        (global.set $ids (i32.add (global.get $ids) (i32.const 1)))
        (i64.store (local.get $at) (local.get $w))
        (i32.store offset=8 (local.get $at) (local.get $n))
        (i32.store offset=12 (local.get $at) (global.get $used))
        (i32.store offset=16 (local.get $at) (global.get $ids))
        (global.set $used (i32.add (global.get $used) (local.get $n)))
        (local.set $count (i32.add (i32.load (global.get $fresh)) (i32.const 1)))
        (i32.store (global.get $fresh) (local.get $count))
        (i32.store (i32.add (global.get $fresh) (i32.shl (local.get $count) (i32.const 2))) (local.get $j))
        (return (global.get $ids))))
      (if (i32.and (i64.eq (i64.load (local.get $at)) (local.get $w)) (i32.eq (i32.load offset=8 (local.get $at)) (local.get $n))) (then
        (if (i32.le_u (local.get $n) (i32.const 8)) (then (return (local.get $id))))
        ;; a longer key: the rest byte by byte
        (local.set $k (i32.load offset=12 (local.get $at)))
        (local.set $i (i32.const 8))
        (block $differ
          (loop $cmp
            (if (i32.ge_u (local.get $i) (local.get $n)) (then (return (local.get $id))))
            (br_if $differ (i32.ne (i32.load8_u (i32.add (local.get $k) (local.get $i))) (i32.load8_u (i32.add (local.get $s) (local.get $i)))))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $cmp)))))
      (local.set $slot (i32.and (i32.add (local.get $slot) (i32.const 1)) (i32.const 32767)))
      (br $probe))
    (i32.const 0))

  ;; The plain decimal in bytes [s, e) as parsePlain reads it, NaN where that gives undefined:
  ;; an optional minus, digits, optionally a point and more digits (not last), 15 digits at most.
  (func $plain (param $s i32) (param $e i32) (result f64)
    (local $i i32) (local $d i32) (local $m i64) (local $int i32) (local $scale i32) (local $v f64) (local $p f64)
    (if (i32.or (i32.le_s (i32.sub (local.get $e) (local.get $s)) (i32.const 0)) (i32.gt_s (i32.sub (local.get $e) (local.get $s)) (i32.const 17))) (then (return (f64.const nan))))
    (local.set $i (i32.add (local.get $s) (i32.eq (i32.load8_u (local.get $s)) (i32.const 45))))
    ;; the digits before the point
    (block $stop (loop $int
      (br_if $stop (i32.ge_u (local.get $i) (local.get $e)))
      (local.set $d (i32.sub (i32.load8_u (local.get $i)) (i32.const 48)))
      (br_if $stop (i32.ge_u (local.get $d) (i32.const 10)))
      (local.set $m (i64.add (i64.mul (local.get $m) (i64.const 10)) (i64.extend_i32_u (local.get $d))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $int)))
    (local.set $int (i32.sub (local.get $i) (i32.add (local.get $s) (i32.eq (i32.load8_u (local.get $s)) (i32.const 45)))))
    ;; a point after at least one digit and before the last byte, then the digits after it
    (if (i32.lt_u (local.get $i) (local.get $e)) (then
      (if (i32.or (i32.or (i32.ne (i32.load8_u (local.get $i)) (i32.const 46)) (i32.eqz (local.get $int)))
                  (i32.ge_u (local.get $i) (i32.sub (local.get $e) (i32.const 1))))
        (then (return (f64.const nan))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (loop $frac
        (local.set $d (i32.sub (i32.load8_u (local.get $i)) (i32.const 48)))
        (if (i32.ge_u (local.get $d) (i32.const 10)) (then (return (f64.const nan))))
        (local.set $m (i64.add (i64.mul (local.get $m) (i64.const 10)) (i64.extend_i32_u (local.get $d))))
        (local.set $scale (i32.add (local.get $scale) (i32.const 1)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br_if $frac (i32.lt_u (local.get $i) (local.get $e))))))
    (if (i32.or (i32.eqz (i32.add (local.get $int) (local.get $scale))) (i32.gt_s (i32.add (local.get $int) (local.get $scale)) (i32.const 15))) (then (return (f64.const nan))))
    (local.set $v (f64.convert_i64_u (local.get $m)))
    (if (local.get $scale) (then
      (local.set $p (f64.const 1))
      (loop $q
        (local.set $p (f64.mul (local.get $p) (f64.const 10)))
        (local.set $scale (i32.sub (local.get $scale) (i32.const 1)))
        (br_if $q (local.get $scale)))
      (local.set $v (f64.div (local.get $v) (local.get $p)))))
    (if (i32.and (i32.eq (i32.load8_u (local.get $s)) (i32.const 45)) (f64.ne (local.get $v) (f64.const 0))) (then (local.set $v (f64.neg (local.get $v)))))
    (local.get $v))

  ;; Field record j: start, end, the id of its bytes (0: none), and (at vals) a value column's plain decimal, else NaN.
  (func $field (param $s i32) (param $e i32) (param $j i32) (param $fields i32) (param $vals i32) (param $numeric i32) (param $ids i32)
    (local $at i32) (local $v f64) (local $n i32)
    (local.set $at (i32.add (local.get $fields) (i32.mul (local.get $j) (i32.const 12))))
    (i32.store (local.get $at) (local.get $s))
    (i32.store offset=4 (local.get $at) (local.get $e))
    (local.set $v (if (result f64) (local.get $numeric) (then (call $plain (local.get $s) (local.get $e))) (else (f64.const nan))))
    (f64.store (i32.add (local.get $vals) (i32.shl (local.get $j) (i32.const 3))) (local.get $v))
    (local.set $n (i32.sub (local.get $e) (local.get $s)))
    (i32.store offset=8 (local.get $at)
      (if (result i32) (i32.and (i32.and (local.get $ids) (f64.ne (local.get $v) (local.get $v))) (i32.and (i32.gt_u (local.get $n) (i32.const 0)) (i32.le_u (local.get $n) (i32.const 64))))
        (then (call $intern (local.get $s) (local.get $n) (local.get $j)))
        (else (i32.const 0)))))

  ;; Splits whole lines from p to end (16 readable bytes past it); returns the lines recorded. Ids are given only
  ;; when $ids is not 0 (before the value columns are known every field would take one, numbers too).
  ;; Line i: first field, field count, start, next line's start.
  (func (export "scan") (param $p i32) (param $end i32) (param $sep i32) (param $mask i32) (param $maskLen i32)
        (param $lines i32) (param $maxLines i32) (param $fields i32) (param $vals i32) (param $maxFields i32) (param $ids i32) (result i32)
    (local $count i32) (local $j i32) (local $j0 i32) (local $k i32) (local $fs i32) (local $c i32) (local $q i32) (local $fe i32) (local $next i32) (local $at i32)
    (local $v v128) (local $vsep v128) (local $vnl v128) (local $vcr v128) (local $vq v128) (local $bits i32)
    (i32.store (global.get $fresh) (i32.const 0))
    (local.set $vsep (i8x16.splat (local.get $sep)))
    (local.set $vnl (i8x16.splat (i32.const 10)))
    (local.set $vcr (i8x16.splat (i32.const 13)))
    (local.set $vq (i8x16.splat (i32.const 34)))
    (block $out (loop $line
      (br_if $out (i32.ge_u (local.get $p) (local.get $end)))
      (br_if $out (i32.ge_u (local.get $count) (local.get $maxLines)))
      (local.set $j0 (local.get $j))
      (local.set $fs (local.get $p))
      (local.set $k (i32.const 0))
      (local.set $q (local.get $p))
      (block $eol (loop $bytes
        ;; the next separator, line feed, CR or quote, 16 bytes at a time
        (block $found (loop $find
          (local.set $v (v128.load (local.get $q)))
          (local.set $bits (i8x16.bitmask (v128.or
            (v128.or (i8x16.eq (local.get $v) (local.get $vsep)) (i8x16.eq (local.get $v) (local.get $vnl)))
            (v128.or (i8x16.eq (local.get $v) (local.get $vcr)) (i8x16.eq (local.get $v) (local.get $vq))))))
          (if (local.get $bits) (then
            (local.set $q (i32.add (local.get $q) (i32.ctz (local.get $bits))))
            (br $found)))
          (local.set $q (i32.add (local.get $q) (i32.const 16)))
          (br_if $find (i32.lt_u (local.get $q) (local.get $end)))))
        ;; none before the end (bytes past it are not the piece's): the caller splits the last line
        (if (i32.ge_u (local.get $q) (local.get $end)) (then (local.set $j (local.get $j0)) (br $out)))
        (local.set $c (i32.load8_u (local.get $q)))
        (if (i32.eq (local.get $c) (local.get $sep)) (then
          (if (i32.ge_u (local.get $j) (local.get $maxFields)) (then (local.set $j (local.get $j0)) (br $out)))
          (call $field (local.get $fs) (local.get $q) (local.get $j) (local.get $fields) (local.get $vals)
            (if (result i32) (i32.lt_u (local.get $k) (local.get $maskLen)) (then (i32.load8_u (i32.add (local.get $mask) (local.get $k)))) (else (i32.const 0)))
            (local.get $ids))
          (local.set $j (i32.add (local.get $j) (i32.const 1)))
          (local.set $k (i32.add (local.get $k) (i32.const 1)))
          (local.set $q (i32.add (local.get $q) (i32.const 1)))
          (local.set $fs (local.get $q))
          (br $bytes)))
        (if (i32.eq (local.get $c) (i32.const 10)) (then
          (local.set $fe (local.get $q))
          (local.set $next (i32.add (local.get $q) (i32.const 1)))
          (br $eol)))
        (if (i32.eq (local.get $c) (i32.const 13)) (then
          ;; CRLF ends a line; a CR before the end, or alone, is the caller's
          (if (i32.lt_u (i32.add (local.get $q) (i32.const 1)) (local.get $end)) (then
            (if (i32.eq (i32.load8_u offset=1 (local.get $q)) (i32.const 10)) (then
              (local.set $fe (local.get $q))
              (local.set $next (i32.add (local.get $q) (i32.const 2)))
              (br $eol)))))))
        ;; a quote opening a field: on to its closing quote ("" is a quote inside), then only spaces,
        ;; tabs or form feeds before the separator or the line's end, as the splitter's quotedEnd reads it
        (if (i32.and (i32.eq (local.get $c) (i32.const 34)) (i32.eq (local.get $q) (local.get $fs))) (then
          (local.set $q (i32.add (local.get $q) (i32.const 1)))
          (block $closed (loop $inside
            (if (i32.ge_u (local.get $q) (local.get $end)) (then (local.set $j (local.get $j0)) (br $out)))
            (local.set $c (i32.load8_u (local.get $q)))
            (if (i32.eq (local.get $c) (i32.const 34)) (then
              (br_if $closed (i32.ge_u (i32.add (local.get $q) (i32.const 1)) (local.get $end)))
              (br_if $closed (i32.ne (i32.load8_u offset=1 (local.get $q)) (i32.const 34)))
              (local.set $q (i32.add (local.get $q) (i32.const 2)))
              (br $inside)))
            ;; a field that goes on past its line: csv-parse's
            (if (i32.or (i32.eq (local.get $c) (i32.const 10)) (i32.eq (local.get $c) (i32.const 13))) (then (local.set $j (local.get $j0)) (br $out)))
            (local.set $q (i32.add (local.get $q) (i32.const 1)))
            (br $inside)))
          (local.set $q (i32.add (local.get $q) (i32.const 1)))
          (block $spaced (loop $space
            (br_if $spaced (i32.ge_u (local.get $q) (local.get $end)))
            (local.set $c (i32.load8_u (local.get $q)))
            (br_if $spaced (i32.eq (local.get $c) (local.get $sep)))
            (br_if $spaced (i32.eqz (i32.or (i32.or (i32.eq (local.get $c) (i32.const 32)) (i32.eq (local.get $c) (i32.const 9))) (i32.eq (local.get $c) (i32.const 12)))))
            (local.set $q (i32.add (local.get $q) (i32.const 1)))
            (br $space)))
          ;; text after the closing quote: csv-parse's; else the separator or line end is found next
          (if (i32.lt_u (local.get $q) (local.get $end)) (then
            (local.set $c (i32.load8_u (local.get $q)))
            (if (i32.and (i32.ne (local.get $c) (local.get $sep)) (i32.and (i32.ne (local.get $c) (i32.const 10)) (i32.ne (local.get $c) (i32.const 13))))
              (then (local.set $j (local.get $j0)) (br $out)))))
          (br $bytes)))
        ;; a lone CR, or a quote inside a field: the caller's (csv-parse)
        (local.set $j (local.get $j0))
        (br $out)))
      (if (i32.ge_u (local.get $j) (local.get $maxFields)) (then (local.set $j (local.get $j0)) (br $out)))
      (call $field (local.get $fs) (local.get $fe) (local.get $j) (local.get $fields) (local.get $vals)
        (if (result i32) (i32.lt_u (local.get $k) (local.get $maskLen)) (then (i32.load8_u (i32.add (local.get $mask) (local.get $k)))) (else (i32.const 0)))
        (local.get $ids))
      (local.set $j (i32.add (local.get $j) (i32.const 1)))
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (local.set $at (i32.add (local.get $lines) (i32.shl (local.get $count) (i32.const 4))))
      (i32.store (local.get $at) (local.get $j0))
      (i32.store offset=4 (local.get $at) (local.get $k))
      (i32.store offset=8 (local.get $at) (local.get $p))
      (i32.store offset=12 (local.get $at) (local.get $next))
      (local.set $count (i32.add (local.get $count) (i32.const 1)))
      (local.set $p (local.get $next))
      (br $line)))
    (local.get $count))
)
