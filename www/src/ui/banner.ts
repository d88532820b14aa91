// The error banner above the figure (dismissable, with Reset) and the notice list (what the page
// changed in the URL or the form). Text only: messages may quote user input.
import { h } from "./dom";

export class ErrorBanner {
  readonly element: HTMLElement;
  private readonly text: HTMLElement;
  private readonly resetBtn: HTMLButtonElement;

  constructor(onReset: () => void) {
    this.text = h("p", { class: "banner-text" });
    this.resetBtn = h("button", { type: "button", class: "btn small banner-reset" }, "Reset");
    const dismiss = h("button", { type: "button", class: "btn small quiet banner-dismiss", "aria-label": "Dismiss error" }, "Dismiss");
    this.resetBtn.addEventListener("click", () => onReset());
    dismiss.addEventListener("click", () => this.hide());
    this.element = h("div", { class: "banner error", role: "alert", hidden: true }, h("strong", { class: "banner-title" }, "Error"), this.text, h("div", { class: "banner-actions" }, this.resetBtn, dismiss));
  }

  show(message: string, fatal = false): void {
    this.text.textContent = fatal ? `${message} The lab stopped; Reset starts it again with the same settings.` : message;
    this.element.classList.toggle("fatal", fatal);
    this.element.hidden = false;
  }

  hide(): void {
    this.element.hidden = true;
  }

  get visible(): boolean {
    return !this.element.hidden;
  }
}

export class Notices {
  readonly element: HTMLElement;
  private readonly list: HTMLElement;

  constructor() {
    this.list = h("ul", { class: "notice-list" });
    const dismiss = h("button", { type: "button", class: "btn small quiet", "aria-label": "Dismiss notices" }, "Dismiss");
    dismiss.addEventListener("click", () => this.clear());
    this.element = h("div", { class: "banner notices", role: "status", "aria-live": "polite", hidden: true }, this.list, dismiss);
  }

  add(...texts: string[]): void {
    for (const t of texts) {
      // The same sentence twice (e.g. a repeated warning per restart) is shown once.
      if (Array.from(this.list.children).some((li) => li.textContent === t)) continue;
      this.list.append(h("li", {}, t));
    }
    // Keep the list short: the newest matter.
    while (this.list.childElementCount > 8) this.list.firstElementChild!.remove();
    this.element.hidden = this.list.childElementCount === 0;
  }

  clear(): void {
    this.list.replaceChildren();
    this.element.hidden = true;
  }
}
