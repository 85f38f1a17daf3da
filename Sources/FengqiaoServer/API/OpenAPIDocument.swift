/// The OpenAPI 3.1 document of `/api/v1`, written by hand and served at `GET /api/v1/openapi.json`; the reference
/// page `GET /api/v1/docs` is rendered from it. `OpenAPITests` keeps it true: every route the router registers under
/// `/api/v1` is here and every path here is registered, the enumerations match the domain's, and real responses
/// validate against the schemas of their status.
///
/// Conventions: fields without a value are left out of responses (so optional fields are simply not `required`);
/// response objects say `additionalProperties: false`, so a field added to a resource must be added here too.
enum OpenAPIDocument {
    static let json = #"""
        {
          "openapi": "3.1.0",
          "info": {
            "title": "枫桥 Fengqiao API",
            "version": "1",
            "summary": "基层社会治理一站式平台的 JSON 接口 / The JSON API of the grassroots governance platform",
            "description": "Every call but citizen tracking, the mediator directory and this document needs `Authorization: Bearer TOKEN` (`fengqiao token create --user NAME`). Dates are ISO 8601. Errors are problem documents (`application/problem+json`): `code` is stable, `message` has zh and en. 401 no or bad token; 403 not your role or organisation; 404 not found or not visible to you; 409 wrong state or a version conflict; 422 what you sent is not acceptable; 400 malformed request. Fields without a value are left out of responses."
          },
          "servers": [{"url": "/"}],
          "security": [{"bearer": []}],
          "tags": [
            {"name": "cases", "description": "案件 / Cases"},
            {"name": "exports", "description": "导出 / Exports"},
            {"name": "files", "description": "附件 / Files"},
            {"name": "catalogue", "description": "分类目录 / Categories"},
            {"name": "metrics", "description": "指标 / Metrics"},
            {"name": "time limits", "description": "时限与调解层级 / Time limits and ladders"},
            {"name": "mediation", "description": "调解 / Mediation"},
            {"name": "oversight", "description": "监督 / Oversight"},
            {"name": "citizens", "description": "群众（无需令牌） / Citizens (no token)"},
            {"name": "docs", "description": "文档 / Documentation"}
          ],
          "paths": {
            "/api/v1/openapi.json": {
              "get": {
                "operationId": "getOpenAPIDocument",
                "summary": "本文档（OpenAPI 3.1） / This document (OpenAPI 3.1)",
                "tags": ["docs"],
                "security": [],
                "responses": {
                  "200": {
                    "description": "The OpenAPI document of /api/v1.",
                    "content": {"application/json": {"schema": {"type": "object"}}}
                  }
                }
              }
            },
            "/api/v1/docs": {
              "get": {
                "operationId": "getAPIReference",
                "summary": "接口参考页面 / API reference page",
                "description": "This document rendered as a page without JavaScript; `?lang=en` for English.",
                "tags": ["docs"],
                "security": [],
                "responses": {
                  "200": {
                    "description": "An HTML page.",
                    "content": {"text/html": {"schema": {"type": "string"}}}
                  }
                }
              }
            },
            "/api/v1/cases": {
              "post": {
                "operationId": "createCase",
                "summary": "登记案件 / Register a case",
                "description": "Registers a case from any channel. A retry with the same `Idempotency-Key` (per user) returns the same case with 200 instead of 201. The receiving center is the one nearest the place. The response holds the tracking code (only here).",
                "tags": ["cases"],
                "parameters": [
                  {
                    "name": "Idempotency-Key", "in": "header", "required": true,
                    "description": "Chosen by the caller; the same key never makes a second case.",
                    "schema": {"type": "string", "minLength": 1}
                  }
                ],
                "requestBody": {
                  "required": true,
                  "content": {"application/json": {"schema": {"$ref": "#/components/schemas/IntakeRequest"}}}
                },
                "responses": {
                  "201": {
                    "description": "Registered.",
                    "headers": {"Location": {"description": "The case's URL.", "schema": {"type": "string"}}},
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/CaseResource"}}}
                  },
                  "200": {
                    "description": "Registered before with this key: the same case.",
                    "headers": {"Location": {"description": "The case's URL.", "schema": {"type": "string"}}},
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/CaseResource"}}}
                  },
                  "400": {"$ref": "#/components/responses/BadRequest"},
                  "401": {"$ref": "#/components/responses/Unauthorized"},
                  "403": {"$ref": "#/components/responses/Forbidden"},
                  "409": {"$ref": "#/components/responses/Conflict"},
                  "422": {"$ref": "#/components/responses/Unprocessable"}
                }
              },
              "get": {
                "operationId": "listCases",
                "summary": "案件列表 / List cases",
                "description": "Cases of your jurisdictions and organisations, newest first (keyset pages: pass `next` as `after`), or by nearest deadline with `sort=deadline` (pass `nextOffset` as `offset`). Parties are always masked in lists.",
                "tags": ["cases"],
                "parameters": [
                  {"$ref": "#/components/parameters/State"},
                  {"$ref": "#/components/parameters/ChannelFilter"},
                  {"$ref": "#/components/parameters/UrgencyFilter"},
                  {"$ref": "#/components/parameters/CategoryFilter"},
                  {"$ref": "#/components/parameters/RegionFilter"},
                  {"$ref": "#/components/parameters/OrganisationFilter"},
                  {"$ref": "#/components/parameters/From"},
                  {"$ref": "#/components/parameters/To"},
                  {"$ref": "#/components/parameters/Text"},
                  {"$ref": "#/components/parameters/Overdue"},
                  {"$ref": "#/components/parameters/DueWithinHours"},
                  {"$ref": "#/components/parameters/Sort"},
                  {
                    "name": "limit", "in": "query", "description": "Page size, at most 200 (default 50).",
                    "schema": {"type": "integer", "minimum": 1, "maximum": 200}
                  },
                  {
                    "name": "after", "in": "query", "description": "The `next` of the previous page (newest-first order).",
                    "schema": {"type": "integer"}
                  },
                  {
                    "name": "offset", "in": "query", "description": "The `nextOffset` of the previous page (deadline order).",
                    "schema": {"type": "integer", "minimum": 0}
                  }
                ],
                "responses": {
                  "200": {
                    "description": "One page of cases.",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/CaseListResource"}}}
                  },
                  "400": {"$ref": "#/components/responses/BadRequest"},
                  "401": {"$ref": "#/components/responses/Unauthorized"},
                  "404": {"$ref": "#/components/responses/NotFound"}
                }
              }
            },
            "/api/v1/cases/{id}": {
              "get": {
                "operationId": "getCase",
                "summary": "查看案件 / Read a case",
                "description": "Parties are masked unless your role needs them (`personalDataShown`); each clear view is written to the access log. 404 also when the case is not visible to you.",
                "tags": ["cases"],
                "parameters": [{"$ref": "#/components/parameters/CaseID"}],
                "responses": {
                  "200": {
                    "description": "The case.",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/CaseResource"}}}
                  },
                  "401": {"$ref": "#/components/responses/Unauthorized"},
                  "404": {"$ref": "#/components/responses/NotFound"}
                }
              }
            },
            "/api/v1/cases/{id}/events": {
              "get": {
                "operationId": "listCaseEvents",
                "summary": "一案一档：案件记录 / The case file",
                "description": "Every change of the case, oldest first.",
                "tags": ["cases"],
                "parameters": [{"$ref": "#/components/parameters/CaseID"}],
                "responses": {
                  "200": {
                    "description": "The events.",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/CaseEventListResource"}}}
                  },
                  "401": {"$ref": "#/components/responses/Unauthorized"},
                  "404": {"$ref": "#/components/responses/NotFound"}
                }
              }
            },
            "/api/v1/cases/{id}/file": {
              "get": {
                "operationId": "getCaseFile",
                "summary": "导出一案一档 / Export the case file",
                "description": "The case and all its events in one document, for archiving; masked as `GET /api/v1/cases/{id}`; each export is written to the access log.",
                "tags": ["cases", "exports"],
                "parameters": [{"$ref": "#/components/parameters/CaseID"}],
                "responses": {
                  "200": {
                    "description": "The case and its events.",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/CaseFileResource"}}}
                  },
                  "401": {"$ref": "#/components/responses/Unauthorized"},
                  "404": {"$ref": "#/components/responses/NotFound"}
                }
              }
            },
            "/api/v1/cases/{id}/actions/{action}": {
              "post": {
                "operationId": "actOnCase",
                "summary": "办理一步 / Take a step of the loop",
                "description": "One step of the case's lifecycle. The body carries `expectedVersion` (a change by someone else in between is a 409) and the fields the action takes: answer (answer); assess (urgency, difficulty, competentLevel, categoryCode?); dispatch (lead, assisting?, whistle?); accept; return (reason); progress (note); request-extension (workingDays, reason); decide-extension (approved, note?); resolve (outcome, summary); follow-up (satisfaction, note?); close; escalate (reason, toCenter?); supervise (note, deadline); nudge (note?); reopen (reason); withdraw (reason); merge (master); request-information (note); supply-information (note); record-session (result, note, heldAt?, place?, online?, mode?, attendees?, files?); climb-ladder; request-mediator (mediator); take-mediation (mediator?); decline-mediation (reason); assign-mediator (mediator); record-consent (party, consents, nextStep?, note?); draft-agreement (agreement); sign-agreement (signedAt?); request-confirmation (court); record-ruling (confirmed, note?); check-term (term, fulfilled, note?); rate-mediation (score, party?, comment?); return-to-court (court). A missing field is a 400 `request.missing_field`; who may do what is a 403; the wrong state a 409.",
                "tags": ["cases"],
                "parameters": [
                  {"$ref": "#/components/parameters/CaseID"},
                  {
                    "name": "action", "in": "path", "required": true,
                    "description": "The action; `availableActions` of the case lists those you may take now. Another name is a 404 `case.unknown_action`.",
                    "schema": {"$ref": "#/components/schemas/CaseAction"}
                  }
                ],
                "requestBody": {
                  "required": true,
                  "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ActionRequest"}}}
                },
                "responses": {
                  "200": {
                    "description": "The case after the step.",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/CaseResource"}}}
                  },
                  "400": {"$ref": "#/components/responses/BadRequest"},
                  "401": {"$ref": "#/components/responses/Unauthorized"},
                  "403": {"$ref": "#/components/responses/Forbidden"},
                  "404": {"$ref": "#/components/responses/NotFound"},
                  "409": {"$ref": "#/components/responses/Conflict"},
                  "422": {"$ref": "#/components/responses/Unprocessable"}
                }
              }
            },
            "/api/v1/exports/cases.csv": {
              "get": {
                "operationId": "exportCases",
                "summary": "导出案件表（CSV） / Export cases as CSV",
                "description": "The cases of `GET /api/v1/cases` with the same filters, as CSV (UTF-8 with a byte-order mark, Chinese headers, one row per case; parties masked unless your role needs them; each export is written to the access log).",
                "tags": ["cases", "exports"],
                "parameters": [
                  {"$ref": "#/components/parameters/State"},
                  {"$ref": "#/components/parameters/ChannelFilter"},
                  {"$ref": "#/components/parameters/UrgencyFilter"},
                  {"$ref": "#/components/parameters/CategoryFilter"},
                  {"$ref": "#/components/parameters/RegionFilter"},
                  {"$ref": "#/components/parameters/OrganisationFilter"},
                  {"$ref": "#/components/parameters/From"},
                  {"$ref": "#/components/parameters/To"},
                  {"$ref": "#/components/parameters/Text"},
                  {"$ref": "#/components/parameters/Overdue"},
                  {"$ref": "#/components/parameters/DueWithinHours"},
                  {"$ref": "#/components/parameters/Sort"}
                ],
                "responses": {
                  "200": {
                    "description": "The CSV file, a header row first.",
                    "content": {"text/csv": {"schema": {"type": "string"}}}
                  },
                  "400": {"$ref": "#/components/responses/BadRequest"},
                  "401": {"$ref": "#/components/responses/Unauthorized"},
                  "403": {"$ref": "#/components/responses/Forbidden"},
                  "404": {"$ref": "#/components/responses/NotFound"}
                }
              }
            },
            "/api/v1/files": {
              "post": {
                "operationId": "uploadFile",
                "summary": "上传附件 / Upload a file",
                "description": "A photo (JPEG, PNG, WebP) or a PDF as the raw body, at most 10 MB; the type is read from the bytes, not from Content-Type. Name it afterwards in a new case's `attachments` by its `sha256`.",
                "tags": ["files"],
                "requestBody": {
                  "required": true,
                  "content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}}
                },
                "responses": {
                  "201": {
                    "description": "Stored (once per content).",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/FileResource"}}}
                  },
                  "401": {"$ref": "#/components/responses/Unauthorized"},
                  "422": {"$ref": "#/components/responses/Unprocessable"}
                }
              }
            },
            "/api/v1/files/{sha256}": {
              "get": {
                "operationId": "downloadFile",
                "summary": "下载附件 / Download a file",
                "description": "Only if you may see a case that holds the file; otherwise 404.",
                "tags": ["files"],
                "parameters": [
                  {
                    "name": "sha256", "in": "path", "required": true, "description": "The file's SHA-256 (hex).",
                    "schema": {"type": "string"}
                  }
                ],
                "responses": {
                  "200": {
                    "description": "The file, with its recognised type.",
                    "content": {
                      "image/jpeg": {"schema": {"type": "string", "format": "binary"}},
                      "image/png": {"schema": {"type": "string", "format": "binary"}},
                      "image/webp": {"schema": {"type": "string", "format": "binary"}},
                      "application/pdf": {"schema": {"type": "string", "format": "binary"}}
                    }
                  },
                  "401": {"$ref": "#/components/responses/Unauthorized"},
                  "404": {"$ref": "#/components/responses/NotFound"}
                }
              }
            },
            "/api/v1/categories": {
              "get": {
                "operationId": "listCategories",
                "summary": "事项分类目录 / Category catalogue",
                "tags": ["catalogue"],
                "parameters": [
                  {
                    "name": "retired", "in": "query", "description": "`true` includes retired entries.",
                    "schema": {"type": "string", "enum": ["true", "false"]}
                  }
                ],
                "responses": {
                  "200": {
                    "description": "The catalogue in its order.",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/CategoryList"}}}
                  },
                  "401": {"$ref": "#/components/responses/Unauthorized"}
                }
              },
              "post": {
                "operationId": "saveCategory",
                "summary": "新增或修改分类（县级管理员） / Add or edit a category (county administrators)",
                "tags": ["catalogue"],
                "requestBody": {
                  "required": true,
                  "content": {"application/json": {"schema": {"$ref": "#/components/schemas/CategoryRequest"}}}
                },
                "responses": {
                  "200": {
                    "description": "The entry as saved.",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/CategoryResource"}}}
                  },
                  "400": {"$ref": "#/components/responses/BadRequest"},
                  "401": {"$ref": "#/components/responses/Unauthorized"},
                  "403": {"$ref": "#/components/responses/Forbidden"},
                  "422": {"$ref": "#/components/responses/Unprocessable"}
                }
              }
            },
            "/api/v1/metrics": {
              "get": {
                "operationId": "getMetrics",
                "summary": "核心指标 / Core rates",
                "description": "受理量, 化解率, 办结率, 按期办结率, 接单率, 退单率, 满意率, 重办率, 反弹率 over the cases you may see, each with its definition.",
                "tags": ["metrics"],
                "parameters": [
                  {"$ref": "#/components/parameters/RegionFilter"},
                  {"$ref": "#/components/parameters/OrganisationFilter"},
                  {"$ref": "#/components/parameters/CategoryFilter"},
                  {"$ref": "#/components/parameters/ChannelFilter"},
                  {"$ref": "#/components/parameters/From"},
                  {"$ref": "#/components/parameters/To"}
                ],
                "responses": {
                  "200": {
                    "description": "The rates.",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/MetricsResource"}}}
                  },
                  "400": {"$ref": "#/components/responses/BadRequest"},
                  "401": {"$ref": "#/components/responses/Unauthorized"},
                  "404": {"$ref": "#/components/responses/NotFound"}
                }
              }
            },
            "/api/v1/access-log": {
              "get": {
                "operationId": "getAccessLog",
                "summary": "个人信息查看记录（管理员，本辖区） / Access log (administrators, their jurisdiction)",
                "description": "Who saw personal data in clear, or exported it, newest first.",
                "tags": ["oversight"],
                "parameters": [
                  {
                    "name": "limit", "in": "query", "description": "At most 1000 (default 100).",
                    "schema": {"type": "integer", "minimum": 1, "maximum": 1000}
                  }
                ],
                "responses": {
                  "200": {
                    "description": "The latest entries.",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/AccessLogList"}}}
                  },
                  "401": {"$ref": "#/components/responses/Unauthorized"},
                  "403": {"$ref": "#/components/responses/Forbidden"}
                }
              }
            },
            "/api/v1/time-limits/policies": {
              "get": {
                "operationId": "listTimeLimitPolicies",
                "summary": "时限规则 / Time-limit policies",
                "tags": ["time limits"],
                "responses": {
                  "200": {
                    "description": "Every policy.",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/TimeLimitPolicyList"}}}
                  },
                  "401": {"$ref": "#/components/responses/Unauthorized"}
                }
              }
            },
            "/api/v1/time-limits/policies/{code}": {
              "put": {
                "operationId": "saveTimeLimitPolicy",
                "summary": "保存时限规则（县级管理员） / Save a time-limit policy (county administrators)",
                "description": "The body's `code` must equal the path's (400 `request.code_mismatch`).",
                "tags": ["time limits"],
                "parameters": [{"$ref": "#/components/parameters/Code"}],
                "requestBody": {
                  "required": true,
                  "content": {"application/json": {"schema": {"$ref": "#/components/schemas/TimeLimitPolicy"}}}
                },
                "responses": {
                  "200": {
                    "description": "The policy as saved.",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/TimeLimitPolicy"}}}
                  },
                  "400": {"$ref": "#/components/responses/BadRequest"},
                  "401": {"$ref": "#/components/responses/Unauthorized"},
                  "403": {"$ref": "#/components/responses/Forbidden"},
                  "422": {"$ref": "#/components/responses/Unprocessable"}
                }
              },
              "delete": {
                "operationId": "deleteTimeLimitPolicy",
                "summary": "删除时限规则（县级管理员） / Delete a time-limit policy (county administrators)",
                "description": "`standard` cannot be deleted; an unknown code is a 422 `time_limit.not_found`.",
                "tags": ["time limits"],
                "parameters": [{"$ref": "#/components/parameters/Code"}],
                "responses": {
                  "204": {"description": "Deleted."},
                  "401": {"$ref": "#/components/responses/Unauthorized"},
                  "403": {"$ref": "#/components/responses/Forbidden"},
                  "422": {"$ref": "#/components/responses/Unprocessable"}
                }
              }
            },
            "/api/v1/time-limits/ladders": {
              "get": {
                "operationId": "listEscalationLadders",
                "summary": "调解层级 / Escalation ladders",
                "tags": ["time limits"],
                "responses": {
                  "200": {
                    "description": "Every ladder.",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/EscalationLadderList"}}}
                  },
                  "401": {"$ref": "#/components/responses/Unauthorized"}
                }
              }
            },
            "/api/v1/time-limits/ladders/{code}": {
              "put": {
                "operationId": "saveEscalationLadder",
                "summary": "保存调解层级（县级管理员） / Save an escalation ladder (county administrators)",
                "description": "The body's `code` must equal the path's (400 `request.code_mismatch`).",
                "tags": ["time limits"],
                "parameters": [{"$ref": "#/components/parameters/Code"}],
                "requestBody": {
                  "required": true,
                  "content": {"application/json": {"schema": {"$ref": "#/components/schemas/EscalationLadder"}}}
                },
                "responses": {
                  "200": {
                    "description": "The ladder as saved.",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/EscalationLadder"}}}
                  },
                  "400": {"$ref": "#/components/responses/BadRequest"},
                  "401": {"$ref": "#/components/responses/Unauthorized"},
                  "403": {"$ref": "#/components/responses/Forbidden"},
                  "422": {"$ref": "#/components/responses/Unprocessable"}
                }
              },
              "delete": {
                "operationId": "deleteEscalationLadder",
                "summary": "删除调解层级（县级管理员） / Delete an escalation ladder (county administrators)",
                "description": "An unknown code is a 422 `time_limit.not_found`.",
                "tags": ["time limits"],
                "parameters": [{"$ref": "#/components/parameters/Code"}],
                "responses": {
                  "204": {"description": "Deleted."},
                  "401": {"$ref": "#/components/responses/Unauthorized"},
                  "403": {"$ref": "#/components/responses/Forbidden"},
                  "422": {"$ref": "#/components/responses/Unprocessable"}
                }
              }
            },
            "/api/v1/time-limits/calendar": {
              "get": {
                "operationId": "getWorkingCalendar",
                "summary": "工作日历 / Working calendar",
                "description": "The calendar in force: holidays and 调休 working days, working hours.",
                "tags": ["time limits"],
                "responses": {
                  "200": {
                    "description": "The calendar.",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/CalendarResource"}}}
                  },
                  "401": {"$ref": "#/components/responses/Unauthorized"}
                }
              }
            },
            "/api/v1/oversight/charges": {
              "get": {
                "operationId": "getCharges",
                "summary": "退单与超期统计 / Returns and overdue alerts per organisation",
                "description": "Leaders, center staff and administrators, over the organisations in their jurisdiction.",
                "tags": ["oversight"],
                "parameters": [{"$ref": "#/components/parameters/From"}, {"$ref": "#/components/parameters/To"}],
                "responses": {
                  "200": {
                    "description": "One line per organisation.",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ChargeList"}}}
                  },
                  "401": {"$ref": "#/components/responses/Unauthorized"},
                  "403": {"$ref": "#/components/responses/Forbidden"}
                }
              }
            },
            "/api/v1/mediation/ranking": {
              "get": {
                "operationId": "getMediatorRanking",
                "summary": "调解员排行 / Mediator ranking",
                "description": "Points by difficulty tier, cases, successes, success rate, average days and rating over the cases you may see.",
                "tags": ["mediation"],
                "parameters": [{"$ref": "#/components/parameters/From"}, {"$ref": "#/components/parameters/To"}],
                "responses": {
                  "200": {
                    "description": "Highest points first.",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/MediatorRanking"}}}
                  },
                  "401": {"$ref": "#/components/responses/Unauthorized"}
                }
              }
            },
            "/api/v1/mediation/point-weights": {
              "get": {
                "operationId": "getPointWeights",
                "summary": "积分权重 / Point weights",
                "tags": ["mediation"],
                "responses": {
                  "200": {
                    "description": "Points per difficulty tier.",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/PointWeights"}}}
                  },
                  "401": {"$ref": "#/components/responses/Unauthorized"}
                }
              },
              "put": {
                "operationId": "savePointWeights",
                "summary": "修改积分权重（县级管理员） / Change the point weights (county administrators)",
                "tags": ["mediation"],
                "requestBody": {
                  "required": true,
                  "content": {"application/json": {"schema": {"$ref": "#/components/schemas/PointWeights"}}}
                },
                "responses": {
                  "200": {
                    "description": "The weights as saved.",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/PointWeights"}}}
                  },
                  "400": {"$ref": "#/components/responses/BadRequest"},
                  "401": {"$ref": "#/components/responses/Unauthorized"},
                  "403": {"$ref": "#/components/responses/Forbidden"},
                  "422": {"$ref": "#/components/responses/Unprocessable"}
                }
              }
            },
            "/api/v1/fulfilment-tasks": {
              "get": {
                "operationId": "listFulfilmentTasks",
                "summary": "协议履行回访任务 / Fulfilment checks due",
                "description": "Dated terms of signed agreements not yet checked, earliest first.",
                "tags": ["mediation"],
                "parameters": [
                  {
                    "name": "dueBefore", "in": "query", "description": "A date (2026-11-23) or an ISO 8601 timestamp.",
                    "schema": {"type": "string"}
                  }
                ],
                "responses": {
                  "200": {
                    "description": "The tasks.",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/FulfilmentTaskList"}}}
                  },
                  "401": {"$ref": "#/components/responses/Unauthorized"}
                }
              }
            },
            "/api/v1/track": {
              "get": {
                "operationId": "trackCase",
                "summary": "群众查询办理进度 / A citizen tracks their case",
                "description": "No token: the tracking code and the last 4 digits of the phone. A wrong code or wrong digits look exactly like an unknown code (404); too many failed look-ups from one address are a 429.",
                "tags": ["citizens"],
                "security": [],
                "parameters": [
                  {
                    "name": "code", "in": "query", "required": true, "description": "The tracking code (查询码).",
                    "schema": {"type": "string"}
                  },
                  {
                    "name": "phone", "in": "query", "required": true, "description": "The last 4 digits of the phone.",
                    "schema": {"type": "string"}
                  }
                ],
                "responses": {
                  "200": {
                    "description": "The case in plain words.",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/TrackingResource"}}}
                  },
                  "400": {"$ref": "#/components/responses/BadRequest"},
                  "404": {"$ref": "#/components/responses/NotFound"},
                  "429": {"$ref": "#/components/responses/TooManyRequests"}
                }
              }
            },
            "/api/v1/track/actions": {
              "post": {
                "operationId": "citizenAction",
                "summary": "群众评价、撤回、补充材料或点单 / A citizen rates, withdraws, answers or chooses a mediator",
                "description": "No token. `{code, phone, mediator}` asks for a mediator (点单), else `{code, phone, information}` answers a request for information, else `{code, phone, satisfaction, note?}` rates, else `{code, phone, reason}` withdraws.",
                "tags": ["citizens"],
                "security": [],
                "requestBody": {
                  "required": true,
                  "content": {"application/json": {"schema": {"$ref": "#/components/schemas/CitizenAction"}}}
                },
                "responses": {
                  "200": {
                    "description": "The case after the step.",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/TrackingResource"}}}
                  },
                  "400": {"$ref": "#/components/responses/BadRequest"},
                  "403": {"$ref": "#/components/responses/Forbidden"},
                  "404": {"$ref": "#/components/responses/NotFound"},
                  "409": {"$ref": "#/components/responses/Conflict"},
                  "422": {"$ref": "#/components/responses/Unprocessable"}
                }
              }
            },
            "/api/v1/mediators": {
              "get": {
                "operationId": "listMediators",
                "summary": "调解员名录 / Mediator directory",
                "description": "No token. Gold medallists first.",
                "tags": ["citizens", "mediation"],
                "security": [],
                "parameters": [
                  {
                    "name": "specialty", "in": "query", "description": "A kind of dispute; an unknown one is a 400.",
                    "schema": {"$ref": "#/components/schemas/DisputeType"}
                  },
                  {
                    "name": "region", "in": "query",
                    "description": "A region code: mediators whose organisation lies in its subtree; an unknown one is a 404.",
                    "schema": {"type": "string"}
                  }
                ],
                "responses": {
                  "200": {
                    "description": "The directory.",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/MediatorList"}}}
                  },
                  "400": {"$ref": "#/components/responses/BadRequest"},
                  "404": {"$ref": "#/components/responses/NotFound"}
                }
              }
            }
          },
          "components": {
            "securitySchemes": {
              "bearer": {
                "type": "http", "scheme": "bearer",
                "description": "A token printed by `fengqiao token create --user NAME`; it acts as that user, within that user's roles and jurisdictions."
              }
            },
            "parameters": {
              "CaseID": {
                "name": "id", "in": "path", "required": true, "description": "The case's id.",
                "schema": {"type": "integer"}
              },
              "Code": {
                "name": "code", "in": "path", "required": true, "description": "The entry's code (1–40 lower-case letters, digits and hyphens).",
                "schema": {"type": "string"}
              },
              "State": {
                "name": "state", "in": "query", "description": "Only cases in these states (repeatable).",
                "style": "form", "explode": true,
                "schema": {"type": "array", "items": {"$ref": "#/components/schemas/CaseState"}}
              },
              "ChannelFilter": {
                "name": "channel", "in": "query", "description": "Only cases that came in this way.",
                "schema": {"$ref": "#/components/schemas/Channel"}
              },
              "UrgencyFilter": {
                "name": "urgency", "in": "query", "description": "Only cases of this urgency.",
                "schema": {"$ref": "#/components/schemas/Urgency"}
              },
              "CategoryFilter": {
                "name": "category", "in": "query", "description": "A category code.",
                "schema": {"type": "string"}
              },
              "RegionFilter": {
                "name": "region", "in": "query", "description": "A region or grid code: its whole subtree; an unknown code is a 404.",
                "schema": {"type": "string"}
              },
              "OrganisationFilter": {
                "name": "organisation", "in": "query", "description": "Cases this organisation holds or takes part in (its id).",
                "schema": {"type": "integer"}
              },
              "From": {
                "name": "from", "in": "query", "description": "From this date (2026-11-23, China time) or ISO 8601 timestamp on.",
                "schema": {"type": "string"}
              },
              "To": {
                "name": "to", "in": "query", "description": "Before this date or ISO 8601 timestamp.",
                "schema": {"type": "string"}
              },
              "Text": {
                "name": "q", "in": "query", "description": "Full text (Chinese) in title, description and party names.",
                "schema": {"type": "string"}
              },
              "Overdue": {
                "name": "overdue", "in": "query", "description": "`true`: only cases with a running clock that has run out.",
                "schema": {"type": "boolean"}
              },
              "DueWithinHours": {
                "name": "dueWithinHours", "in": "query", "description": "Only cases with a deadline within this many hours.",
                "schema": {"type": "integer", "minimum": 1}
              },
              "Sort": {
                "name": "sort", "in": "query", "description": "`newest` (default) or `deadline` (nearest deadline first, cases without one last); anything else is a 400.",
                "schema": {"type": "string", "enum": ["newest", "deadline"]}
              }
            },
            "responses": {
              "BadRequest": {
                "description": "400: the request is malformed or misses a field.",
                "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
              },
              "Unauthorized": {
                "description": "401: no token, or a bad or revoked one.",
                "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
              },
              "Forbidden": {
                "description": "403: not your role, organisation or jurisdiction.",
                "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
              },
              "NotFound": {
                "description": "404: not found, or not visible to you (existence is not revealed).",
                "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
              },
              "Conflict": {
                "description": "409: the case is in the wrong state, or someone else changed it first (version).",
                "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
              },
              "Unprocessable": {
                "description": "422: what you sent is not acceptable (the `code` says why).",
                "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
              },
              "TooManyRequests": {
                "description": "429: too many attempts from your address; try again later.",
                "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
              }
            },
            "schemas": {
              "Problem": {
                "type": "object",
                "description": "An error (RFC 9457). `code` is stable; `message` is for people; quote `requestId` to support.",
                "required": ["type", "title", "status", "code", "message", "requestId"],
                "additionalProperties": false,
                "properties": {
                  "type": {"type": "string"},
                  "title": {"type": "string"},
                  "status": {"type": "integer"},
                  "code": {"type": "string"},
                  "message": {"$ref": "#/components/schemas/LocalizedText"},
                  "requestId": {"type": "string"}
                }
              },
              "LocalizedText": {
                "type": "object",
                "required": ["zh", "en"],
                "additionalProperties": false,
                "properties": {"zh": {"type": "string"}, "en": {"type": "string"}}
              },
              "Channel": {
                "type": "string", "description": "How the case came in.",
                "enum": ["citizenReport", "gridWorker", "window", "hotline12345", "police110", "courtReferral", "petition", "videoIntake", "departmentReferral"]
              },
              "Urgency": {
                "type": "string", "description": "急难愁盼 and more: urgent, distressing, troublesome, worrying, hoped.",
                "enum": ["urgent", "distressing", "troublesome", "worrying", "hoped"]
              },
              "CaseKind": {"type": "string", "enum": ["consultation", "request"]},
              "CaseState": {
                "type": "string",
                "enum": ["registered", "assessed", "dispatched", "accepted", "returned", "inProgress", "resolved", "followedUp", "closed", "withdrawn", "merged"]
              },
              "Difficulty": {"type": "string", "enum": ["simple", "ordinary", "complex", "major"]},
              "RegionLevel": {"type": "string", "enum": ["province", "city", "county", "township", "village", "grid"]},
              "Outcome": {
                "type": "string",
                "enum": ["solved", "agreementReached", "partlySolved", "guidedToLitigation", "notAdmissible"]
              },
              "Satisfaction": {"type": "string", "enum": ["satisfied", "basicallySatisfied", "dissatisfied"]},
              "WhistleGrade": {"type": "string", "description": "吹哨 grade of a joint dispatch.", "enum": ["quick", "emergency", "hardCase"]},
              "PartyRole": {"type": "string", "enum": ["reporter", "other"]},
              "Role": {"type": "string", "enum": ["gridWorker", "centerStaff", "departmentHandler", "mediator", "leader", "admin"]},
              "ClockKind": {"type": "string", "enum": ["respond", "start", "accept", "finish", "follow-up", "mediation-level"]},
              "AlertLevel": {"type": "string", "enum": ["green", "yellow", "red"]},
              "LadderExhaustion": {"type": "string", "enum": ["sessions", "time"]},
              "SessionResult": {"type": "string", "enum": ["agreed", "failed", "adjourned"]},
              "SessionMode": {"type": "string", "enum": ["faceToFace", "backToBack"]},
              "AttendeeRole": {
                "type": "string",
                "enum": ["party", "mediator", "lawyer", "psychologist", "elder", "policeOfficer", "judge", "prosecutor", "gridWorker", "other"]
              },
              "MediationNextStep": {"type": "string", "enum": ["otherHandling", "litigation"]},
              "GovernanceDomain": {"type": "string", "enum": ["livelihood", "agriculture", "safety", "environment", "production"]},
              "DisputeType": {
                "type": "string",
                "enum": ["marriageFamily", "neighbour", "land", "forest", "homestead", "unpaidWages", "landTransferRent", "propertyManagement", "medical", "trafficAccident", "construction", "contract", "demolition", "consumer", "environment", "publicOrder"]
              },
              "RateKind": {"type": "string", "enum": ["count", "ratio"]},
              "CalendarEntryKind": {"type": "string", "enum": ["holiday", "workday"]},
              "CaseAction": {
                "type": "string",
                "description": "The steps staff take through the API (registration is `POST /api/v1/cases`; the platform itself applies time limits and raises alerts).",
                "enum": ["answer", "assess", "dispatch", "accept", "return", "progress", "request-extension", "decide-extension", "resolve", "follow-up", "close", "escalate", "supervise", "nudge", "reopen", "withdraw", "merge", "request-information", "supply-information", "record-session", "climb-ladder", "request-mediator", "take-mediation", "decline-mediation", "assign-mediator", "record-consent", "draft-agreement", "sign-agreement", "request-confirmation", "record-ruling", "check-term", "rate-mediation", "return-to-court"]
              },
              "TimeLimitCode": {
                "type": "string", "description": "A number and a unit: 30m, 24h, 7d, 4wh (working hours) or 5wd (working days).",
                "pattern": "^[0-9]{1,6}(m|h|d|wh|wd)$"
              },
              "IntakeRequest": {
                "type": "object",
                "required": ["channel", "title", "description", "regionCode"],
                "properties": {
                  "channel": {"$ref": "#/components/schemas/Channel"},
                  "sourceReference": {"type": "string", "description": "The other system's id: imported once per channel."},
                  "title": {"type": "string", "maxLength": 100},
                  "description": {"type": "string", "maxLength": 4000},
                  "categoryCode": {"type": "string", "description": "An active entry of `/api/v1/categories`."},
                  "urgency": {"$ref": "#/components/schemas/Urgency"},
                  "kind": {"$ref": "#/components/schemas/CaseKind"},
                  "regionCode": {"type": "string", "description": "The region or grid code where it happened."},
                  "address": {"type": "string"},
                  "latitude": {"type": "number"},
                  "longitude": {"type": "number"},
                  "parties": {"type": "array", "items": {"$ref": "#/components/schemas/IntakeParty"}},
                  "anonymous": {"type": "boolean"},
                  "attachments": {
                    "type": "array", "description": "Files uploaded first through `POST /api/v1/files`.",
                    "items": {"$ref": "#/components/schemas/AttachmentReference"}
                  }
                }
              },
              "IntakeParty": {
                "type": "object",
                "properties": {
                  "role": {"$ref": "#/components/schemas/PartyRole"},
                  "name": {"type": "string"},
                  "phone": {"type": "string"},
                  "idNumber": {"type": "string", "description": "居民身份证号码: 15 or 18 characters."},
                  "address": {"type": "string"}
                }
              },
              "AttachmentReference": {
                "type": "object",
                "required": ["sha256", "fileName"],
                "properties": {"sha256": {"type": "string"}, "fileName": {"type": "string"}}
              },
              "CaseResource": {
                "type": "object",
                "description": "A case. Personal data is masked unless your role needs it (`personalDataShown`).",
                "required": ["id", "number", "version", "state", "stateName", "channel", "title", "description", "urgency", "kind", "regionID", "anonymous", "parties", "participants", "duplicateIDs", "reopenCount", "returnCount", "createdAt", "updatedAt", "personalDataShown", "clocks", "overdue", "awaitingCitizen", "availableActions"],
                "additionalProperties": false,
                "properties": {
                  "id": {"type": "integer"},
                  "number": {"type": "string", "description": "The case number shown to people."},
                  "trackingCode": {"type": "string", "description": "The citizen's tracking code: only in the answer to the registration."},
                  "version": {"type": "integer", "description": "Send it back as `expectedVersion`."},
                  "state": {"$ref": "#/components/schemas/CaseState"},
                  "stateName": {"$ref": "#/components/schemas/LocalizedText"},
                  "channel": {"$ref": "#/components/schemas/Channel"},
                  "sourceReference": {"type": "string"},
                  "title": {"type": "string"},
                  "description": {"type": "string"},
                  "categoryCode": {"type": "string"},
                  "urgency": {"$ref": "#/components/schemas/Urgency"},
                  "kind": {"$ref": "#/components/schemas/CaseKind"},
                  "difficulty": {"$ref": "#/components/schemas/Difficulty"},
                  "competentLevel": {"$ref": "#/components/schemas/RegionLevel"},
                  "regionID": {"type": "integer"},
                  "address": {"type": "string"},
                  "latitude": {"type": "number"},
                  "longitude": {"type": "number"},
                  "anonymous": {"type": "boolean"},
                  "parties": {"type": "array", "items": {"$ref": "#/components/schemas/PartyResource"}},
                  "holderOrganisationID": {"type": "integer"},
                  "participants": {"type": "array", "items": {"$ref": "#/components/schemas/ParticipantResource"}},
                  "outcome": {"$ref": "#/components/schemas/Outcome"},
                  "satisfaction": {"$ref": "#/components/schemas/Satisfaction"},
                  "masterCaseID": {"type": "integer"},
                  "duplicateIDs": {"type": "array", "items": {"type": "integer"}},
                  "reopenCount": {"type": "integer"},
                  "returnCount": {"type": "integer"},
                  "createdAt": {"type": "string", "format": "date-time"},
                  "updatedAt": {"type": "string", "format": "date-time"},
                  "personalDataShown": {"type": "boolean"},
                  "clocks": {"type": "array", "items": {"$ref": "#/components/schemas/ClockResource"}},
                  "nextDueAt": {"type": "string", "format": "date-time", "description": "The earliest time a running clock runs out."},
                  "overdue": {"type": "boolean"},
                  "informationRequested": {"type": "string", "description": "待补充材料: what the citizen was asked for."},
                  "awaitingCitizen": {"type": "boolean"},
                  "timeLimitPolicy": {"type": "string", "description": "The code of the policy that applied."},
                  "ladder": {"$ref": "#/components/schemas/LadderResource"},
                  "availableActions": {"type": "array", "items": {"$ref": "#/components/schemas/CaseAction"}}
                }
              },
              "PartyResource": {
                "type": "object",
                "required": ["role"],
                "additionalProperties": false,
                "properties": {
                  "role": {"$ref": "#/components/schemas/PartyRole"},
                  "name": {"type": "string"},
                  "phone": {"type": "string"},
                  "idNumber": {"type": "string"},
                  "address": {"type": "string"}
                }
              },
              "ParticipantResource": {
                "type": "object",
                "required": ["organisationID", "lead", "accepted"],
                "additionalProperties": false,
                "properties": {
                  "organisationID": {"type": "integer"},
                  "lead": {"type": "boolean"},
                  "accepted": {"type": "boolean"}
                }
              },
              "ClockResource": {
                "type": "object",
                "required": ["kind", "name", "limit", "limitName", "startedAt", "paused", "level", "remainingSeconds", "text"],
                "additionalProperties": false,
                "properties": {
                  "kind": {"$ref": "#/components/schemas/ClockKind"},
                  "name": {"$ref": "#/components/schemas/LocalizedText"},
                  "limit": {"$ref": "#/components/schemas/TimeLimitCode"},
                  "limitName": {"$ref": "#/components/schemas/LocalizedText"},
                  "startedAt": {"type": "string", "format": "date-time"},
                  "dueAt": {"type": "string", "format": "date-time"},
                  "warningAt": {"type": "string", "format": "date-time"},
                  "paused": {"type": "boolean"},
                  "level": {"$ref": "#/components/schemas/AlertLevel"},
                  "remainingSeconds": {"type": "integer", "description": "In the limit's own time (working seconds for working limits); negative when overdue."},
                  "text": {"$ref": "#/components/schemas/LocalizedText"}
                }
              },
              "LadderResource": {
                "type": "object",
                "required": ["code", "name", "automatic", "step", "level", "failedSessions", "lastStep", "summary"],
                "additionalProperties": false,
                "properties": {
                  "code": {"type": "string"},
                  "name": {"type": "string"},
                  "automatic": {"type": "boolean"},
                  "step": {"type": "integer"},
                  "level": {"$ref": "#/components/schemas/RegionLevel"},
                  "failedSessions": {"type": "integer"},
                  "maxSessions": {"type": "integer"},
                  "minSessions": {"type": "integer"},
                  "exhausted": {"$ref": "#/components/schemas/LadderExhaustion"},
                  "lastStep": {"type": "boolean"},
                  "summary": {"$ref": "#/components/schemas/LocalizedText"}
                }
              },
              "CaseListResource": {
                "type": "object",
                "required": ["items"],
                "additionalProperties": false,
                "properties": {
                  "items": {"type": "array", "items": {"$ref": "#/components/schemas/CaseResource"}},
                  "next": {"type": "integer", "description": "Pass as `after` for the next page (newest first); absent on the last page."},
                  "nextOffset": {"type": "integer", "description": "Pass as `offset` for the next page (deadline order); absent on the last page."}
                }
              },
              "CaseEventResource": {
                "type": "object",
                "required": ["sequence", "at", "change", "actor"],
                "additionalProperties": false,
                "properties": {
                  "sequence": {"type": "integer"},
                  "at": {"type": "string", "format": "date-time"},
                  "change": {"type": "string", "description": "What changed, e.g. `registered`, `dispatched`."},
                  "actor": {"type": "string"},
                  "role": {"$ref": "#/components/schemas/Role"},
                  "organisationID": {"type": "integer"},
                  "note": {"type": "string"}
                }
              },
              "CaseEventListResource": {
                "type": "object",
                "required": ["items"],
                "additionalProperties": false,
                "properties": {"items": {"type": "array", "items": {"$ref": "#/components/schemas/CaseEventResource"}}}
              },
              "CaseFileResource": {
                "type": "object",
                "required": ["case", "events", "exportedAt"],
                "additionalProperties": false,
                "properties": {
                  "case": {"$ref": "#/components/schemas/CaseResource"},
                  "events": {"type": "array", "items": {"$ref": "#/components/schemas/CaseEventResource"}},
                  "exportedAt": {"type": "string", "format": "date-time"}
                }
              },
              "ActionRequest": {
                "type": "object",
                "description": "`expectedVersion` and the fields the action takes (see the operation).",
                "properties": {
                  "expectedVersion": {"type": "integer"},
                  "answer": {"type": "string"},
                  "reason": {"type": "string"},
                  "note": {"type": "string"},
                  "summary": {"type": "string"},
                  "categoryCode": {"type": "string"},
                  "urgency": {"$ref": "#/components/schemas/Urgency"},
                  "difficulty": {"$ref": "#/components/schemas/Difficulty"},
                  "competentLevel": {"$ref": "#/components/schemas/RegionLevel"},
                  "lead": {"type": "integer", "description": "The lead organisation's id."},
                  "assisting": {"type": "array", "items": {"type": "integer"}},
                  "whistle": {"$ref": "#/components/schemas/WhistleGrade"},
                  "workingDays": {"type": "integer"},
                  "approved": {"type": "boolean"},
                  "outcome": {"$ref": "#/components/schemas/Outcome"},
                  "satisfaction": {"$ref": "#/components/schemas/Satisfaction"},
                  "toCenter": {"type": "integer", "description": "Default: the center one level up."},
                  "deadline": {"type": "string", "format": "date-time"},
                  "master": {"type": "integer", "description": "The case this one duplicates."},
                  "result": {"$ref": "#/components/schemas/SessionResult"},
                  "heldAt": {"type": "string", "format": "date-time"},
                  "place": {"type": "string"},
                  "online": {"type": "boolean"},
                  "mode": {"$ref": "#/components/schemas/SessionMode"},
                  "attendees": {"type": "array", "items": {"$ref": "#/components/schemas/Attendee"}},
                  "files": {"type": "array", "items": {"type": "string"}},
                  "mediator": {"type": "integer", "description": "A mediator's id (directory)."},
                  "party": {"type": "string"},
                  "consents": {"type": "boolean"},
                  "nextStep": {"$ref": "#/components/schemas/MediationNextStep"},
                  "agreement": {"$ref": "#/components/schemas/AgreementDraft"},
                  "signedAt": {"type": "string", "format": "date-time"},
                  "court": {"type": "integer", "description": "The court's organisation id."},
                  "confirmed": {"type": "boolean"},
                  "term": {"type": "integer"},
                  "fulfilled": {"type": "boolean"},
                  "score": {"type": "integer", "minimum": 1, "maximum": 5},
                  "comment": {"type": "string"}
                }
              },
              "Attendee": {
                "type": "object",
                "required": ["name", "role"],
                "properties": {"name": {"type": "string"}, "role": {"$ref": "#/components/schemas/AttendeeRole"}}
              },
              "AgreementDraft": {
                "type": "object",
                "required": ["parties", "facts", "terms"],
                "properties": {
                  "parties": {"type": "array", "items": {"$ref": "#/components/schemas/AgreementParty"}},
                  "facts": {"type": "string"},
                  "terms": {"type": "array", "items": {"$ref": "#/components/schemas/AgreementTerm"}}
                }
              },
              "AgreementParty": {
                "type": "object",
                "required": ["name", "role"],
                "properties": {
                  "name": {"type": "string"},
                  "role": {"$ref": "#/components/schemas/PartyRole"},
                  "idNumber": {"type": "string"},
                  "phone": {"type": "string"},
                  "address": {"type": "string"}
                }
              },
              "AgreementTerm": {
                "type": "object",
                "required": ["text"],
                "properties": {
                  "text": {"type": "string"},
                  "method": {"type": "string"},
                  "dueDate": {"type": "string", "format": "date-time"}
                }
              },
              "FileResource": {
                "type": "object",
                "required": ["sha256", "contentType", "size"],
                "additionalProperties": false,
                "properties": {
                  "sha256": {"type": "string"},
                  "contentType": {"type": "string", "enum": ["image/jpeg", "image/png", "image/webp", "application/pdf"]},
                  "size": {"type": "integer"}
                }
              },
              "CategoryResource": {
                "type": "object",
                "required": ["code", "domain", "domainName", "name", "active"],
                "additionalProperties": false,
                "properties": {
                  "code": {"type": "string"},
                  "domain": {"$ref": "#/components/schemas/GovernanceDomain"},
                  "domainName": {"$ref": "#/components/schemas/LocalizedText"},
                  "name": {"$ref": "#/components/schemas/LocalizedText"},
                  "disputeType": {"$ref": "#/components/schemas/DisputeType"},
                  "active": {"type": "boolean"}
                }
              },
              "CategoryList": {
                "type": "object",
                "required": ["items"],
                "additionalProperties": false,
                "properties": {"items": {"type": "array", "items": {"$ref": "#/components/schemas/CategoryResource"}}}
              },
              "CategoryRequest": {
                "type": "object",
                "required": ["code", "domain", "nameZh"],
                "properties": {
                  "code": {"type": "string", "description": "`domain.topic`, e.g. `livelihood.neighbour`."},
                  "domain": {"$ref": "#/components/schemas/GovernanceDomain"},
                  "nameZh": {"type": "string"},
                  "nameEn": {"type": "string"},
                  "disputeType": {"$ref": "#/components/schemas/DisputeType"},
                  "active": {"type": "boolean"}
                }
              },
              "RateResource": {
                "type": "object",
                "required": ["id", "name", "kind", "numerator", "numeratorDefinition"],
                "additionalProperties": false,
                "properties": {
                  "id": {"type": "string"},
                  "name": {"$ref": "#/components/schemas/LocalizedText"},
                  "kind": {"$ref": "#/components/schemas/RateKind"},
                  "numerator": {"type": "integer"},
                  "denominator": {"type": "integer"},
                  "value": {"type": "number", "description": "Absent when the denominator is 0."},
                  "numeratorDefinition": {"$ref": "#/components/schemas/LocalizedText"},
                  "denominatorDefinition": {"$ref": "#/components/schemas/LocalizedText"}
                }
              },
              "MetricsResource": {
                "type": "object",
                "required": ["basis", "casesConsidered", "rates"],
                "additionalProperties": false,
                "properties": {
                  "basis": {"$ref": "#/components/schemas/LocalizedText"},
                  "casesConsidered": {"type": "integer"},
                  "rates": {"type": "array", "items": {"$ref": "#/components/schemas/RateResource"}}
                }
              },
              "AccessLogEntry": {
                "type": "object",
                "required": ["at", "username", "action", "detail"],
                "additionalProperties": false,
                "properties": {
                  "at": {"type": "string", "format": "date-time"},
                  "userID": {"type": "integer"},
                  "username": {"type": "string"},
                  "action": {"type": "string"},
                  "caseID": {"type": "integer"},
                  "detail": {"type": "string"},
                  "requestID": {"type": "string"}
                }
              },
              "AccessLogList": {
                "type": "object",
                "required": ["items"],
                "additionalProperties": false,
                "properties": {"items": {"type": "array", "items": {"$ref": "#/components/schemas/AccessLogEntry"}}}
              },
              "TimeLimits": {
                "type": "object",
                "description": "The limit of each clock a policy sets.",
                "required": ["respond", "start", "accept", "finish", "follow-up"],
                "additionalProperties": false,
                "properties": {
                  "respond": {"$ref": "#/components/schemas/TimeLimitCode"},
                  "start": {"$ref": "#/components/schemas/TimeLimitCode"},
                  "accept": {"$ref": "#/components/schemas/TimeLimitCode"},
                  "finish": {"$ref": "#/components/schemas/TimeLimitCode"},
                  "follow-up": {"$ref": "#/components/schemas/TimeLimitCode"}
                }
              },
              "TimeLimitPolicy": {
                "type": "object",
                "required": ["code", "name", "limits", "warningShare"],
                "additionalProperties": false,
                "properties": {
                  "code": {"type": "string"},
                  "name": {"type": "string", "maxLength": 100},
                  "categoryPrefix": {"type": "string", "description": "Matches this category and those below it; absent: every category."},
                  "urgency": {"$ref": "#/components/schemas/Urgency"},
                  "channel": {"$ref": "#/components/schemas/Channel"},
                  "limits": {"$ref": "#/components/schemas/TimeLimits"},
                  "warningShare": {"type": "number", "minimum": 0.1, "maximum": 0.95, "description": "The share of a clock after which it turns yellow."}
                }
              },
              "TimeLimitPolicyList": {
                "type": "object",
                "required": ["items"],
                "additionalProperties": false,
                "properties": {"items": {"type": "array", "items": {"$ref": "#/components/schemas/TimeLimitPolicy"}}}
              },
              "LadderStep": {
                "type": "object",
                "required": ["level"],
                "additionalProperties": false,
                "properties": {
                  "level": {"$ref": "#/components/schemas/RegionLevel"},
                  "maxSessions": {"type": "integer"},
                  "minSessions": {"type": "integer"},
                  "within": {"$ref": "#/components/schemas/TimeLimitCode"}
                }
              },
              "EscalationLadder": {
                "type": "object",
                "required": ["code", "name", "categoryPrefixes", "automatic", "steps"],
                "additionalProperties": false,
                "properties": {
                  "code": {"type": "string"},
                  "name": {"type": "string", "maxLength": 100},
                  "categoryPrefixes": {"type": "array", "items": {"type": "string"}},
                  "automatic": {"type": "boolean", "description": "An exhausted level moves the case up by itself."},
                  "steps": {"type": "array", "items": {"$ref": "#/components/schemas/LadderStep"}}
                }
              },
              "EscalationLadderList": {
                "type": "object",
                "required": ["items"],
                "additionalProperties": false,
                "properties": {"items": {"type": "array", "items": {"$ref": "#/components/schemas/EscalationLadder"}}}
              },
              "CalendarEntry": {
                "type": "object",
                "required": ["date", "kind", "name"],
                "additionalProperties": false,
                "properties": {
                  "date": {"type": "string", "format": "date"},
                  "kind": {"$ref": "#/components/schemas/CalendarEntryKind"},
                  "name": {"type": "string"}
                }
              },
              "CalendarResource": {
                "type": "object",
                "required": ["workingHours", "workingDayHours", "years", "entries"],
                "additionalProperties": false,
                "properties": {
                  "source": {"type": "string", "description": "The file the calendar was read from; absent for the built-in one."},
                  "workingHours": {"type": "string", "description": "e.g. `08:30-12:00,14:00-17:30`."},
                  "workingDayHours": {"type": "number"},
                  "years": {"type": "array", "items": {"type": "integer"}},
                  "entries": {"type": "array", "items": {"$ref": "#/components/schemas/CalendarEntry"}}
                }
              },
              "ChargeResource": {
                "type": "object",
                "required": ["organisationID", "organisationName", "returns", "overdue"],
                "additionalProperties": false,
                "properties": {
                  "organisationID": {"type": "integer"},
                  "organisationName": {"type": "string"},
                  "returns": {"type": "integer"},
                  "overdue": {"type": "integer"}
                }
              },
              "ChargeList": {
                "type": "object",
                "required": ["items"],
                "additionalProperties": false,
                "properties": {"items": {"type": "array", "items": {"$ref": "#/components/schemas/ChargeResource"}}}
              },
              "MediatorStanding": {
                "type": "object",
                "required": ["mediatorID", "name", "goldMedal", "cases", "successes", "ratings", "points"],
                "additionalProperties": false,
                "properties": {
                  "mediatorID": {"type": "integer"},
                  "name": {"type": "string"},
                  "organisationID": {"type": "integer"},
                  "goldMedal": {"type": "boolean"},
                  "cases": {"type": "integer"},
                  "successes": {"type": "integer"},
                  "successRate": {"type": "number"},
                  "averageDays": {"type": "number"},
                  "averageRating": {"type": "number"},
                  "ratings": {"type": "integer"},
                  "points": {"type": "integer"}
                }
              },
              "MediatorRanking": {
                "type": "object",
                "required": ["items"],
                "additionalProperties": false,
                "properties": {"items": {"type": "array", "items": {"$ref": "#/components/schemas/MediatorStanding"}}}
              },
              "PointWeights": {
                "type": "object",
                "description": "Points per difficulty tier.",
                "required": ["simple", "ordinary", "complex", "major"],
                "additionalProperties": false,
                "properties": {
                  "simple": {"type": "integer"},
                  "ordinary": {"type": "integer"},
                  "complex": {"type": "integer"},
                  "major": {"type": "integer"}
                }
              },
              "FulfilmentTask": {
                "type": "object",
                "required": ["caseID", "caseNumber", "term", "text", "dueAt", "overdue"],
                "additionalProperties": false,
                "properties": {
                  "caseID": {"type": "integer"},
                  "caseNumber": {"type": "string"},
                  "term": {"type": "integer", "description": "The term's index in the agreement."},
                  "text": {"type": "string"},
                  "dueAt": {"type": "string", "format": "date-time"},
                  "overdue": {"type": "boolean"}
                }
              },
              "FulfilmentTaskList": {
                "type": "object",
                "required": ["items"],
                "additionalProperties": false,
                "properties": {"items": {"type": "array", "items": {"$ref": "#/components/schemas/FulfilmentTask"}}}
              },
              "TrackingLine": {
                "type": "object",
                "required": ["at", "text"],
                "additionalProperties": false,
                "properties": {
                  "at": {"type": "string", "format": "date-time"},
                  "text": {"$ref": "#/components/schemas/LocalizedText"}
                }
              },
              "TrackingResource": {
                "type": "object",
                "description": "A citizen's case in plain words.",
                "required": ["number", "title", "state", "stateName", "timeline", "next", "canRate", "canWithdraw", "canSupply"],
                "additionalProperties": false,
                "properties": {
                  "number": {"type": "string"},
                  "title": {"type": "string"},
                  "state": {"$ref": "#/components/schemas/CaseState"},
                  "stateName": {"$ref": "#/components/schemas/LocalizedText"},
                  "timeline": {"type": "array", "items": {"$ref": "#/components/schemas/TrackingLine"}},
                  "next": {"$ref": "#/components/schemas/LocalizedText"},
                  "canRate": {"type": "boolean"},
                  "canWithdraw": {"type": "boolean"},
                  "canSupply": {"type": "boolean"},
                  "informationRequested": {"type": "string", "description": "What the citizen is asked for, while the case waits on them."}
                }
              },
              "CitizenAction": {
                "type": "object",
                "required": ["code", "phone"],
                "properties": {
                  "code": {"type": "string"},
                  "phone": {"type": "string", "description": "The phone number or its last 4 digits."},
                  "satisfaction": {"$ref": "#/components/schemas/Satisfaction"},
                  "note": {"type": "string"},
                  "reason": {"type": "string", "description": "Why the citizen withdraws."},
                  "information": {"type": "string", "description": "补充材料: the information the case asked for."},
                  "mediator": {"type": "integer", "description": "点单: a mediator of `/api/v1/mediators`."}
                }
              },
              "MediatorSpecialty": {
                "type": "object",
                "required": ["code", "name"],
                "additionalProperties": false,
                "properties": {"code": {"$ref": "#/components/schemas/DisputeType"}, "name": {"$ref": "#/components/schemas/LocalizedText"}}
              },
              "MediatorLevel": {
                "type": "object",
                "required": ["code", "name"],
                "additionalProperties": false,
                "properties": {"code": {"$ref": "#/components/schemas/RegionLevel"}, "name": {"$ref": "#/components/schemas/LocalizedText"}}
              },
              "MediatorResource": {
                "type": "object",
                "required": ["id", "name", "organisationID", "organisationName", "specialties", "levels", "languages", "goldMedal", "available", "profile"],
                "additionalProperties": false,
                "properties": {
                  "id": {"type": "integer"},
                  "name": {"type": "string"},
                  "organisationID": {"type": "integer"},
                  "organisationName": {"type": "string"},
                  "specialties": {"type": "array", "items": {"$ref": "#/components/schemas/MediatorSpecialty"}},
                  "levels": {"type": "array", "items": {"$ref": "#/components/schemas/MediatorLevel"}},
                  "languages": {"type": "array", "items": {"type": "string"}},
                  "goldMedal": {"type": "boolean", "description": "金牌调解员."},
                  "available": {"type": "boolean", "description": "Taking cases now."},
                  "profile": {"type": "string"}
                }
              },
              "MediatorList": {
                "type": "object",
                "required": ["items"],
                "additionalProperties": false,
                "properties": {"items": {"type": "array", "items": {"$ref": "#/components/schemas/MediatorResource"}}}
              }
            }
          }
        }
        """#
}
