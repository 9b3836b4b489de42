CREATE TABLE `risk_evidence` (
	`risk_id` integer NOT NULL,
	`line_id` integer NOT NULL,
	FOREIGN KEY (`risk_id`) REFERENCES `risks`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`line_id`) REFERENCES `sell_through_lines`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `risk_evidence_uq` ON `risk_evidence` (`risk_id`,`line_id`);--> statement-breakpoint
CREATE INDEX `risk_evidence_line_idx` ON `risk_evidence` (`line_id`);