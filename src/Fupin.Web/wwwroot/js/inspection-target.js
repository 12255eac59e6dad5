// 暗访检查表（手机）：按 ClientKey 提交到 API；断网或提交失败时把回答和照片存进 IndexedDB，联网后自动补传。
(function () {
    'use strict';
    var DB = 'fupin-inspections', STORE = 'pending';
    var form = document.querySelector('[data-checklist]');
    var pendingBox = document.querySelector('[data-pending]');

    function openDb() {
        return new Promise(function (resolve, reject) {
            var req = indexedDB.open(DB, 1);
            req.onupgradeneeded = function () { req.result.createObjectStore(STORE, { keyPath: 'clientKey' }); };
            req.onsuccess = function () { resolve(req.result); };
            req.onerror = function () { reject(req.error); };
        });
    }
    function tx(mode, fn) {
        return openDb().then(function (db) {
            return new Promise(function (resolve, reject) {
                var t = db.transaction(STORE, mode), store = t.objectStore(STORE), out = fn(store);
                t.oncomplete = function () { resolve(out && out.result !== undefined ? out.result : out); };
                t.onerror = function () { reject(t.error); };
            });
        });
    }
    function all() { return tx('readonly', function (s) { return s.getAll(); }); }
    function put(item) { return tx('readwrite', function (s) { s.put(item); }); }
    function remove(key) { return tx('readwrite', function (s) { s.delete(key); }); }

    function uuid() {
        if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
        var b = new Uint8Array(16); crypto.getRandomValues(b);
        b[6] = (b[6] & 15) | 64; b[8] = (b[8] & 63) | 128;
        var h = Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); }).join('');
        return h.slice(0, 8) + '-' + h.slice(8, 12) + '-' + h.slice(12, 16) + '-' + h.slice(16, 20) + '-' + h.slice(20);
    }

    function showPending() {
        if (!pendingBox || !window.indexedDB) return Promise.resolve();
        return all().then(function (items) {
            pendingBox.hidden = items.length === 0;
            pendingBox.textContent = '已保存在本机，联网后自动上传（' + items.length + ' 条待上传）';
        }).catch(function () { });
    }

    function toFormData(item) {
        var fd = new FormData();
        fd.append('clientKey', item.clientKey);
        fd.append('answers', JSON.stringify(item.answers));
        if (item.headName) fd.append('headName', item.headName);
        if (item.latitude != null) { fd.append('latitude', String(item.latitude)); fd.append('longitude', String(item.longitude)); }
        if (item.note) fd.append('note', item.note);
        item.photos.forEach(function (p) { fd.append('photos', p.blob, p.name); });
        return fd;
    }

    // Sends one visit: resolves with {ok, status, body}; rejects when the network is down.
    function send(item) {
        return fetch(item.api, { method: 'POST', body: toFormData(item), credentials: 'same-origin', headers: { 'Accept': 'application/json' } })
            .then(function (res) {
                return res.json().catch(function () { return null; }).then(function (body) { return { ok: res.ok, status: res.status, body: body }; });
            });
    }

    function flush() {
        if (!window.indexedDB || !navigator.onLine) return showPending();
        return all().then(function (items) {
            return items.reduce(function (p, item) {
                return p.then(function () {
                    return send(item).then(function (r) {
                        // Stored (or refused for good: keeping it would resend forever); a 5xx stays queued.
                        if (r.ok || (r.status >= 400 && r.status < 500)) return remove(item.clientKey);
                    }).catch(function () { });
                });
            }, Promise.resolve());
        }).then(showPending, showPending);
    }

    function showResult(body) {
        var box = document.querySelector('[data-result]');
        if (!box) return;
        box.hidden = false;
        box.textContent = '';
        var p = document.createElement('p');
        p.setAttribute('data-findings', String(body.failedCount));
        p.textContent = '检查表已提交，发现问题 ' + body.failedCount + ' 个。';
        box.appendChild(p);
        if (body.rectifications && body.rectifications.length) {
            var ul = document.createElement('ul');
            body.rectifications.forEach(function (r) {
                var li = document.createElement('li'), a = document.createElement('a');
                a.href = '/rectifications/' + r.id; a.textContent = r.number; a.setAttribute('data-rectification', r.number);
                li.appendChild(a); li.appendChild(document.createTextNode(' ' + r.problem));
                ul.appendChild(li);
            });
            box.appendChild(ul);
        }
        box.scrollIntoView();
    }

    function showErrors(messages) {
        var box = form.querySelector('[data-errors]');
        box.hidden = messages.length === 0;
        box.textContent = '';
        var ul = document.createElement('ul');
        messages.forEach(function (m) { var li = document.createElement('li'); li.textContent = m; ul.appendChild(li); });
        box.appendChild(ul);
        if (messages.length) box.scrollIntoView();
    }

    function collect() {
        var answers = [], missing = [];
        form.querySelectorAll('[data-question]').forEach(function (q) {
            var code = q.getAttribute('data-question');
            var checked = q.querySelector('input[type=radio]:checked');
            var input = checked || q.querySelector('input[name="q.' + code + '"]:not([type=radio])');
            var value = input ? input.value.trim() : '';
            var note = q.querySelector('.answer-note').value.trim();
            if (value) answers.push({ questionCode: code, value: value, note: note || null });
            else if (q.getAttribute('data-required') === '1') missing.push('请回答：' + q.querySelector('.question-text').textContent);
        });
        return { answers: answers, missing: missing };
    }

    if (form) {
        form.querySelector('[data-locate]').addEventListener('click', function () {
            var text = form.querySelector('[data-location-text]');
            if (!navigator.geolocation) { text.textContent = '本机不支持定位'; return; }
            text.textContent = '正在定位……';
            navigator.geolocation.getCurrentPosition(function (pos) {
                form.elements.latitude.value = pos.coords.latitude.toFixed(6);
                form.elements.longitude.value = pos.coords.longitude.toFixed(6);
                text.textContent = '已定位：' + pos.coords.latitude.toFixed(5) + ', ' + pos.coords.longitude.toFixed(5);
            }, function () { text.textContent = '定位失败（可不定位）'; }, { enableHighAccuracy: true, timeout: 15000 });
        });

        form.addEventListener('submit', function (e) {
            e.preventDefault();
            var c = collect();
            var head = form.elements.headName ? form.elements.headName.value.trim() : '';
            if (form.elements.headName && !head) c.missing.unshift('请填写户主姓名');
            if (c.missing.length) { showErrors(c.missing); return; }
            showErrors([]);
            var lat = form.elements.latitude.value, lon = form.elements.longitude.value;
            var files = Array.prototype.slice.call(form.elements.photos.files || []);
            var item = {
                clientKey: uuid(), api: form.getAttribute('data-api'), answers: c.answers, headName: head || null,
                latitude: lat ? Number(lat) : null, longitude: lon ? Number(lon) : null, note: form.elements.note.value.trim() || null,
                photos: files.map(function (f) { return { name: f.name, blob: f }; }), savedAt: new Date().toISOString(),
            };
            var button = form.querySelector('[data-submit]');
            button.disabled = true;
            function keep() {
                if (!window.indexedDB) { showErrors(['网络不通，且本机不能暂存，请联网后再提交']); button.disabled = false; return; }
                put(item).then(function () { form.hidden = true; return showPending(); })
                    .catch(function () { showErrors(['暂存失败，请联网后再提交']); button.disabled = false; });
            }
            if (!navigator.onLine) { keep(); return; }
            send(item).then(function (r) {
                if (r.ok) { form.hidden = true; showResult(r.body); return; }
                if (r.status >= 500) { keep(); return; }
                button.disabled = false;
                var errs = r.body && r.body.errors ? Object.keys(r.body.errors).reduce(function (a, k) { return a.concat(r.body.errors[k]); }, []) : [];
                showErrors(errs.length ? errs : [(r.body && (r.body.detail || r.body.title)) || '提交失败']);
            }, keep);
        });
    }

    window.addEventListener('online', flush);
    if (window.indexedDB) flush();
})();
