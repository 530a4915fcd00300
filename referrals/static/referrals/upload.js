/*
 * Chunked, resumable upload of case documents and imaging, with a progress bar.
 *
 * Progressive enhancement of the upload form in referrals/cases/document_new.html: without this
 * script the form posts the whole file. With it, the file goes in chunks (the server says how big)
 * to the JSON protocol described in referrals/views/documents.py. A chunk that fails is retried
 * after asking the server how much it already has, so a network break costs one chunk, and an
 * interrupted upload of the same file resumes where it stopped, even after a reload. User-facing
 * texts come from data-msg-* attributes that Django translated.
 */
(function () {
    "use strict";

    var form = document.getElementById("upload-form");
    if (!form || !window.XMLHttpRequest || !window.File || !File.prototype.slice || !window.JSON) {
        return;
    }

    var fileInput = form.querySelector("input[type=file]");
    var descriptionInput = form.querySelector("[name=description]");
    var submitButton = form.querySelector("button[type=submit]");
    var panel = document.getElementById("upload-progress");
    var bar = document.getElementById("upload-progress-bar");
    var statusText = document.getElementById("upload-status");
    var errorBox = document.getElementById("upload-error");
    var cancelButton = document.getElementById("upload-cancel");
    var csrfToken = form.querySelector("[name=csrfmiddlewaretoken]").value;
    var createUrl = form.getAttribute("data-create-url");
    var storagePrefix = "ern-upload:" + form.getAttribute("data-case") + ":";
    var MAX_RETRIES = 12;

    var current = null; // {state, xhr, cancelled, key}

    function message(name, values) {
        var text = form.getAttribute("data-msg-" + name) || "";
        Object.keys(values || {}).forEach(function (key) {
            text = text.split("%(" + key + ")s").join(values[key]);
        });
        return text;
    }

    function humanSize(bytes) {
        if (bytes >= 1024 * 1024 * 1024) {
            return (bytes / (1024 * 1024 * 1024)).toFixed(2) + " GB";
        }
        if (bytes >= 1024 * 1024) {
            return (bytes / (1024 * 1024)).toFixed(1) + " MB";
        }
        return Math.max(1, Math.round(bytes / 1024)) + " KB";
    }

    function showError(text) {
        errorBox.textContent = text;
        errorBox.hidden = !text;
        if (text) {
            errorBox.focus();
        }
    }

    function setProgress(done, total) {
        var percent = total ? Math.min(100, Math.floor((done / total) * 100)) : 0;
        bar.value = percent;
        bar.setAttribute("aria-valuetext", message("progress", {done: humanSize(done), total: humanSize(total), percent: percent}));
        statusText.textContent = message("progress", {done: humanSize(done), total: humanSize(total), percent: percent});
    }

    function setBusy(busy) {
        submitButton.disabled = busy;
        fileInput.disabled = busy;
        descriptionInput.disabled = busy;
        cancelButton.hidden = !busy;
        panel.hidden = false;
    }

    function request(method, url, body, headers, onProgress) {
        return new Promise(function (resolve, reject) {
            var xhr = new XMLHttpRequest();
            if (current) {
                current.xhr = xhr;
            }
            xhr.open(method, url, true);
            xhr.setRequestHeader("X-CSRFToken", csrfToken);
            xhr.setRequestHeader("Accept", "application/json");
            Object.keys(headers || {}).forEach(function (name) {
                xhr.setRequestHeader(name, headers[name]);
            });
            if (onProgress && xhr.upload) {
                xhr.upload.onprogress = function (event) {
                    if (event.lengthComputable) {
                        onProgress(event.loaded);
                    }
                };
            }
            xhr.onload = function () {
                var data = {};
                try {
                    data = JSON.parse(xhr.responseText || "{}");
                } catch (ignored) {
                    data = {};
                }
                resolve({status: xhr.status, data: data});
            };
            xhr.onerror = function () {
                reject(new Error("network"));
            };
            xhr.onabort = function () {
                reject(new Error("aborted"));
            };
            xhr.send(body);
        });
    }

    function wait(ms) {
        return new Promise(function (resolve) {
            window.setTimeout(resolve, ms);
        });
    }

    function waitUntilOnline() {
        if (navigator.onLine !== false) {
            return Promise.resolve();
        }
        statusText.textContent = message("offline");
        return new Promise(function (resolve) {
            window.addEventListener("online", function handler() {
                window.removeEventListener("online", handler);
                resolve();
            });
        });
    }

    function fileKey(file) {
        return storagePrefix + [file.name, file.size, file.lastModified].join(":");
    }

    function forget(key) {
        try {
            window.localStorage.removeItem(key);
        } catch (ignored) {
            // Private browsing: resuming after a reload is then not possible, uploading still is.
        }
    }

    function remember(key, state) {
        try {
            window.localStorage.setItem(key, state.status_url);
        } catch (ignored) {
            // As above.
        }
    }

    function remembered(key) {
        try {
            return window.localStorage.getItem(key);
        } catch (ignored) {
            return null;
        }
    }

    function resumeOrStart(file, description) {
        var key = fileKey(file);
        var statusUrl = remembered(key);
        var start = function () {
            var body = JSON.stringify({description: description, size: file.size, name: file.name});
            return request("POST", createUrl, body, {"Content-Type": "application/json"}).then(function (response) {
                if (response.status !== 201) {
                    throw new Error(response.data.error || message("failed"));
                }
                remember(key, response.data);
                return response.data;
            });
        };
        if (!statusUrl) {
            return start().then(function (state) {
                return {key: key, state: state};
            });
        }
        return request("GET", statusUrl, null).then(function (response) {
            if (response.status === 200 && response.data.status === "receiving" && response.data.size === file.size) {
                statusText.textContent = message("resuming");
                return {key: key, state: response.data};
            }
            forget(key);
            return start().then(function (state) {
                return {key: key, state: state};
            });
        }, function () {
            forget(key);
            return start().then(function (state) {
                return {key: key, state: state};
            });
        });
    }

    function sendChunks(file, state) {
        var offset = state.offset;
        var retries = 0;

        function askOffset() {
            return request("GET", state.status_url, null).then(function (response) {
                if (response.status === 200) {
                    offset = response.data.offset;
                }
            }, function () {
                // Still offline: the next attempt asks again.
            });
        }

        function next() {
            if (current.cancelled) {
                return Promise.reject(new Error("aborted"));
            }
            if (offset >= file.size) {
                return Promise.resolve();
            }
            var end = Math.min(file.size, offset + state.chunk_size);
            var chunk = file.slice(offset, end);
            return request("PUT", state.status_url, chunk, {
                "Content-Type": "application/octet-stream",
                "Upload-Offset": String(offset)
            }, function (loaded) {
                setProgress(offset + loaded, file.size);
            }).then(function (response) {
                if (response.status === 200) {
                    offset = response.data.offset;
                    retries = 0;
                    setProgress(offset, file.size);
                    return next();
                }
                if (response.status === 409) {
                    offset = response.data.offset;
                    return next();
                }
                if (response.status >= 500 || response.status === 0 || response.status === 408 || response.status === 429) {
                    throw new Error("retry");
                }
                var error = new Error(response.data.error || message("failed"));
                error.final = true;
                throw error;
            }).catch(function (error) {
                if (error.final || error.message === "aborted" || current.cancelled) {
                    throw error;
                }
                retries += 1;
                if (retries > MAX_RETRIES) {
                    var giveUp = new Error(message("gave-up"));
                    giveUp.final = true;
                    throw giveUp;
                }
                statusText.textContent = message("retrying");
                return waitUntilOnline()
                    .then(function () {
                        return wait(Math.min(30000, 500 * Math.pow(2, retries)));
                    })
                    .then(askOffset)
                    .then(next);
            });
        }

        return next();
    }

    function finish(state) {
        return request("POST", state.complete_url, null).then(function (response) {
            if (response.status !== 202) {
                throw new Error(response.data.error || message("failed"));
            }
            return poll(response.data);
        });
    }

    function poll(state) {
        if (state.status === "done") {
            return Promise.resolve(state);
        }
        if (state.status === "rejected" || state.status === "failed") {
            var error = new Error(state.error || message("failed"));
            error.final = true;
            return Promise.reject(error);
        }
        statusText.textContent = message("checking");
        bar.removeAttribute("value"); // indeterminate while the server checks the file
        return wait(1500).then(function () {
            return request("GET", state.status_url, null);
        }).then(function (response) {
            return poll(response.data);
        }, function () {
            return poll(state);
        });
    }

    cancelButton.addEventListener("click", function () {
        if (!current) {
            return;
        }
        current.cancelled = true;
        if (current.xhr) {
            current.xhr.abort();
        }
        if (current.state) {
            request("DELETE", current.state.status_url, null).catch(function () {});
        }
        if (current.key) {
            forget(current.key);
        }
        statusText.textContent = message("cancelled");
        setBusy(false);
        current = null;
    });

    form.addEventListener("submit", function (event) {
        var file = fileInput.files && fileInput.files[0];
        var description = descriptionInput.value.trim();
        if (!file || !description) {
            return; // the server answers with its own field errors
        }
        event.preventDefault();
        showError("");
        current = {cancelled: false};
        setBusy(true);
        setProgress(0, file.size);
        resumeOrStart(file, description)
            .then(function (started) {
                current.key = started.key;
                current.state = started.state;
                setProgress(started.state.offset, file.size);
                return sendChunks(file, started.state).then(function () {
                    return finish(started.state);
                });
            })
            .then(function (state) {
                forget(current.key);
                bar.value = 100;
                statusText.textContent = message("done");
                window.location.assign(state.document_url + "?added=1");
            })
            .catch(function (error) {
                if (current && current.key && error.final) {
                    forget(current.key);
                }
                if (error.message !== "aborted") {
                    showError(error.message === "network" ? message("failed") : error.message);
                    statusText.textContent = "";
                }
                setBusy(false);
                current = null;
            });
    });
})();
